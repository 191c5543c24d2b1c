/**
 * Reasons, in words a person understands: for each flagged feature vector (template rarity,
 * novelty against the baseline, severity, length, parameters, stack traces, rare words), for each
 * flagged session behaviour (missing, repeated or rare events, length, duration), and for one line
 * in its context (its session, an error burst around it).
 */
import { Level } from '../formats/levels';
import type { Reason, SeveritySpread } from './reasons';
import type { TemplatePresence } from '../scoring/severity';
import type { AnalysisReport } from './report';
import { bucketLowerBound } from '../features/parameters';
import { LengthDeviation, type LineVectors, type TemplateStats } from '../features/lineFeatures';
import type { TemplateTfidf } from '../features/tfidf';
import type { SessionNorms, SessionVectors } from '../sessions/sessionFeatures';

/** A template below this share of lines is rare. */
const RARE_TEMPLATE_SHARE = 0.01;
/** A level is notable when at most this share of lines is at least as severe. */
const NOTABLE_LEVEL_SHARE = 0.1;
/**
 * A template of several lines is absent from a half of the log where it occurs in at most this share of the
 * half's stretches (scoring/severity), and recurs throughout it where it occurs in at least the other in both.
 */
const ABSENT_PRESENCE = 0.25;
const THROUGHOUT_PRESENCE = 0.75;
/** Baseline mode: this many times more frequent than in the baseline is notable. */
const FREQUENCY_RATIO = 5;
/** Events in at least this share of sessions are typical; missing them is notable. */
const TYPICAL_EVENT_SHARE = 0.8;

export interface LineExplainContext {
  readonly vectors: LineVectors;
  readonly stats: TemplateStats;
  readonly tfidf: TemplateTfidf;
  /** Lines per template and in all in the log under test (differs from stats in baseline mode). */
  readonly targetCounts: Float64Array;
  readonly targetLines: number;
  readonly baseline: boolean;
  /** Where each template occurs in the log `stats` count (scoring/severity); null against a baseline. */
  readonly templatePresence?: TemplatePresence | null;
}

export function explainVector(v: number, context: LineExplainContext): Reason[] {
  const { vectors, stats, tfidf } = context;
  const template = vectors.templateIds[v];
  const reference = Math.max(1, stats.referenceLines);
  const reasons: Reason[] = [];
  const referenceCount = stats.counts[template];
  // Only a baseline, or the lines before when following a log, can lack a template the line has.
  if (referenceCount === 0) {
    reasons.push({ kind: 'newTemplate', templateId: template, reference: context.baseline ? 'baseline' : 'earlierLines', total: stats.referenceLines });
  } else if (referenceCount / reference < RARE_TEMPLATE_SHARE) {
    reasons.push({ kind: 'rareTemplate', templateId: template, count: referenceCount, total: stats.referenceLines });
  }
  const level = vectors.levels[v];
  if (level >= Level.warning) {
    let atLeast = 0;
    for (let l = level; l < stats.levelCounts.length; l++) atLeast += stats.levelCounts[l];
    const share = atLeast / reference;
    if (share <= NOTABLE_LEVEL_SHARE) {
      // Presence is of the log the statistics count (the run's, or the fit a followed log's lines arrive against).
      const spread = context.templatePresence && referenceCount > 1 ? spreadInWords(context.templatePresence, template) : undefined;
      reasons.push(spread ? { kind: 'severity', level, share, spread } : { kind: 'severity', level, share });
    }
  }
  if (vectors.parameterRarity[v] > 0) {
    reasons.push({
      kind: 'unusualParameter',
      position: vectors.rareParameterPosition[v],
      value: bucketLowerBound(vectors.rareParameterCode[v]),
      share: vectors.rareParameterShare[v],
    });
  }
  if (vectors.lengthDeviation[v] !== LengthDeviation.usual) {
    reasons.push({ kind: 'unusualLength', length: vectors.lengths[v], typical: Math.round(stats.meanLength[template]) });
  }
  if (vectors.continuationLines[v] > 0) reasons.push({ kind: 'stackTrace', lines: vectors.continuationLines[v] });
  const words = rareWords(template, tfidf, reference);
  if (words.length > 0) reasons.push({ kind: 'rareWords', words });
  if (context.baseline && referenceCount > 0 && context.targetLines > 0) {
    const share = context.targetCounts[template] / context.targetLines;
    const baselineShare = referenceCount / reference;
    if (share >= FREQUENCY_RATIO * baselineShare && share >= 0.001) reasons.push({ kind: 'moreFrequent', templateId: template, share, baselineShare });
  }
  if (reasons.length === 0) reasons.push({ kind: 'rareCombination', count: vectors.counts[v], total: context.targetLines });
  return reasons;
}

/** Where a template occurs, when that tells: new, stopped, in bursts, or throughout the log. */
function spreadInWords(presence: TemplatePresence, template: number): SeveritySpread | undefined {
  const first = presence.firstHalf[template];
  const second = presence.secondHalf[template];
  if (first >= THROUGHOUT_PRESENCE && second >= THROUGHOUT_PRESENCE) return 'throughout';
  if (first <= ABSENT_PRESENCE && second <= ABSENT_PRESENCE) return 'bursts';
  if (first <= ABSENT_PRESENCE) return 'new';
  if (second <= ABSENT_PRESENCE) return 'stopped';
  return undefined;
}

/** Up to three of the template's words that occur on under 1% of lines, rarest first. */
function rareWords(template: number, tfidf: TemplateTfidf, referenceLines: number): string[] {
  const rareIdf = Math.log((1 + referenceLines) / (1 + RARE_TEMPLATE_SHARE * referenceLines)) + 1;
  return Array.from(tfidf.templateWords[template])
    .filter((word) => tfidf.idf[word] > rareIdf)
    .sort((a, b) => tfidf.idf[b] - tfidf.idf[a] || a - b)
    .slice(0, 3)
    .map((word) => tfidf.vocabulary[word]);
}

export function explainSessionVector(v: number, vectors: SessionVectors, norms: SessionNorms): Reason[] {
  const reasons: Reason[] = [];
  const present = new Map<number, number>();
  for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) present.set(vectors.templates[i], vectors.counts[i]);

  let rarest = -1;
  for (const template of present.keys()) {
    if (norms.presence[template] < RARE_TEMPLATE_SHARE && (rarest < 0 || norms.presence[template] < norms.presence[rarest])) rarest = template;
  }
  if (rarest >= 0) {
    reasons.push({ kind: 'rareEvent', templateId: rarest, sessions: Math.round(norms.presence[rarest] * norms.sessions), totalSessions: norms.sessions });
  }
  const missing = Array.from(norms.presence.keys())
    .filter((t) => norms.presence[t] >= TYPICAL_EVENT_SHARE && !present.has(t))
    .sort((a, b) => norms.presence[b] - norms.presence[a] || a - b);
  if (missing.length > 0) reasons.push({ kind: 'missingEvents', templateIds: missing, sessionShare: norms.presence[missing[0]] });

  let repeated = -1;
  let repeatedRatio = 0;
  for (const [template, count] of present) {
    const typical = norms.typicalCount[template];
    if (typical <= 0 || count < Math.max(2 * typical, typical + 2)) continue;
    if (count / typical > repeatedRatio) {
      repeatedRatio = count / typical;
      repeated = template;
    }
  }
  if (repeated >= 0) reasons.push({ kind: 'repeatedEvent', templateId: repeated, count: present.get(repeated) as number, typical: norms.typicalCount[repeated] });

  const length = vectors.lengths[v];
  if (norms.medianLength >= 3 && (length >= 3 * norms.medianLength || length <= norms.medianLength / 3)) {
    reasons.push({ kind: 'unusualSessionLength', lines: length, typical: norms.medianLength });
  }
  const bucket = vectors.durationBuckets[v];
  if (bucket === bucket && norms.medianDurationBucket === norms.medianDurationBucket && bucket >= norms.medianDurationBucket + 3 && bucketMs(bucket) >= 60_000) {
    reasons.push({ kind: 'unusualDuration', ms: bucketMs(bucket), typicalMs: bucketMs(norms.medianDurationBucket) });
  }
  if (reasons.length === 0) reasons.push({ kind: 'rareSessionShape', count: vectors.weights[v], total: norms.sessions });
  return reasons;
}

/** The duration a log2 bucket stands for. */
function bucketMs(bucket: number): number {
  return (2 ** bucket - 1) * 1000;
}

/**
 * Everything that explains one line: its vector's reasons, then its context (a flagged session it
 * belongs to, an error burst it is part of).
 */
export function explainLine(report: AnalysisReport, line: number): Reason[] {
  const v = report.lines.vectorIds[line];
  if (v < 0) return [];
  const reasons: Reason[] = [...report.vectors.reasons[v]];
  const session = report.lines.sessionIds[line];
  if (session >= 0 && report.sessions.flagged[session]) {
    reasons.push({ kind: 'inAnomalousSession', session: report.sessions.ids[session], score: report.sessions.scores[session] });
  }
  const timeline = report.timeline;
  const bucket = report.lines.buckets[line];
  if (report.vectors.levels[v] >= Level.error && timeline.bursts.includes(bucket)) {
    reasons.push({
      kind: 'errorBurst',
      windowStart: timeline.start + bucket * timeline.bucketSize,
      windowMs: timeline.kind === 'time' ? timeline.bucketSize : NaN,
      errors: timeline.errors[bucket],
      typical: timeline.typicalErrors,
    });
  }
  return reasons;
}
