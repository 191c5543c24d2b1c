/**
 * The explaining stage: reasons for every line vector and the notable session behaviours, the
 * per-line, per-session and per-template tables, the timeline, and the report that holds them.
 */
import { releaseSessionColumns, releaseTimeColumns, sessionCountOf, type CollectedLog } from '../reading/collect';
import { continuationLines, entryOfWalkedLine, entrySpanEnd, firstLineOf, isBlankLine, nextLineEntry } from '../reading/entryLines';
import { explainSessionVector, explainVector } from '../report/explain';
import type { Reason } from '../report/reasons';
import type { AnalysisReport, SessionTable, TemplateInfo, VectorTable } from '../report/report';
import { buildTimeline } from '../report/timeline';
import { expectedTemplateIds, linesByVector, rankedLines } from '../scoring/ranking';
import { ranksFor, scoreHistogram } from '../scoring/thresholds';
import type { AnalysisOptions } from './options';
import { CHECK_EVERY, type Checkpoint, type ProgressTracker } from './progress';
import type { ReadLogs } from './readLogs';
import { readingWarnings } from './readingWarnings';
import type { ScoredLines } from './scoreLines';
import type { ScoredSessions } from './scoreSessions';
import type { SessionGroups } from '../sessions/sessionFeatures';
import { SpareBuffers } from '../util/spareBuffers';

/** Session behaviours explained beyond the flagged ones, most anomalous first. */
const EXPLAINED_SESSION_BEHAVIOURS = 1000;
const NO_REASONS: readonly Reason[] = [];

export function assembleReport(read: ReadLogs, lines: ScoredLines, scoredSessions: ScoredSessions, options: AnalysisOptions, progress: ProgressTracker): AnalysisReport {
  const { log, templates, baseline } = read;
  const { vectors, stats, tfidf, lineVectorIds } = lines;
  const checkpoint = (): void => progress.checkCancelled();
  const explainContext = { vectors, stats, tfidf, targetCounts: templates.counts, targetLines: log.entryCount, baseline: baseline !== null, templatePresence: lines.templatePresence };
  const vectorReasons: Reason[][] = [];
  for (let v = 0; v < vectors.count; v++) vectorReasons.push(explainVector(v, explainContext));
  // Each column goes once the last table that reads it is built; the next per-line tables are built
  // in their buffers, which the collector would free only later.
  const spares = new SpareBuffers();
  const { timeline, lineBuckets } = buildTimeline(log, templates.ofEntry, templates.count, lineVectorIds, lines.flagged, log.reading.hasYear, checkpoint);
  releaseTimeColumns(log, spares);
  const lineSessionIds = firstSessionOfLines(log, spares, checkpoint);
  releaseSessionColumns(log, spares);
  // Lines that continue the entry above them: non-blank lines of an entry's span after its header.
  const lineContinued = spares.take(Uint8Array, (log.lineCount + 7) >> 3);
  for (let e = 0; e < log.entryCount; e++) {
    if ((e & CHECK_EVERY) === 0) checkpoint();
    for (let line = firstLineOf(log, e) + 1, end = entrySpanEnd(log, e); line < end; line++) {
      if (!isBlankLine(log, line)) lineContinued[line >> 3] |= 1 << (line & 7);
    }
  }
  const vectorTable: VectorTable = {
    ...linesByVector(lineVectorIds, vectors.count, checkpoint, spares),
    count: vectors.count,
    templateIds: vectors.templateIds,
    levels: vectors.levels,
    counts: vectors.counts,
    scores: lines.scores,
    ranks: lines.ranks,
    flagged: lines.flagged,
    reasons: vectorReasons,
  };
  const sessions = sessionTable(log, scoredSessions, spares, checkpoint);
  // What no table took is the collector's.
  spares.clear();

  const templateInfos: TemplateInfo[] = templates.texts.map((text, id) => ({
    id,
    text,
    count: templates.counts[id],
    firstLine: templates.firstLines[id],
    baselineCount: templates.baselineCounts ? templates.baselineCounts[id] : null,
    expected: templates.expected[id],
  }));
  const anomalies = rankedLines(vectorTable, lines.threshold, expectedTemplateIds(templateInfos));
  progress.finish('explaining');

  return {
    options,
    stats: {
      bytes: log.bytes,
      lines: log.lineCount,
      entries: log.entryCount,
      templates: templateInfos.filter((template) => template.count > 0).length,
      sessions: sessions.count,
      anomalies: anomalies.length,
      anomalousSessions: sessions.flagged.reduce((sum, flag) => sum + flag, 0),
      format: log.reading.format,
      formatStructure: log.reading.formatStructure,
      headerProfile: log.reading.headerProfile,
      sessionKind: sessions.count > 0 ? log.reading.sessionKind : null,
      sessionModel: sessions.count > 0 ? scoredSessions.model : null,
      hasTimestamps: timeline.kind === 'time',
      truncatedLines: log.truncatedLines,
      invalidUtf8Lines: log.invalidUtf8Lines,
      baselineLines: baseline?.lines ?? null,
      warnings: readingWarnings(log, baseline, options, sessions.count),
      elapsedMs: progress.elapsedMs(),
      stageMs: progress.stageMs,
      stageBytes: progress.stageBytes,
    },
    threshold: lines.threshold,
    sessionThreshold: scoredSessions.threshold,
    lines: { count: log.lineCount, starts: log.starts, vectorIds: lineVectorIds, sessionIds: lineSessionIds, buckets: lineBuckets, continued: lineContinued },
    vectors: vectorTable,
    templates: templateInfos,
    sessions,
    anomalies,
    histogram: scoreHistogram(lines.scores, vectors.counts),
    timeline,
  };
}

/**
 * The first session each line belongs to (through its entry), or -1. Lines and the sessions
 * entries name both run in entry order, so one walk along both finds them.
 */
function firstSessionOfLines(log: CollectedLog, spares: SpareBuffers, checkpoint: Checkpoint): Int32Array {
  const sessions = spares.take(Int32Array, log.lineCount);
  let pair = 0;
  let session = -1;
  for (let line = 0, walked = -1; line < log.lineCount; line++) {
    if ((line & CHECK_EVERY) === 0) checkpoint();
    const next = nextLineEntry(log, line, walked);
    if (next !== walked) {
      // A header line: the walk moves to the next entry, in order, past the sessions of the one before.
      const count = sessionCountOf(log, next);
      session = count > 0 ? log.pairSessions[pair] : -1;
      pair += count;
      walked = next;
    }
    sessions[line] = entryOfWalkedLine(log, line, walked) < 0 ? -1 : session;
  }
  return sessions;
}

function sessionTable(log: CollectedLog, scored: ScoredSessions, spares: SpareBuffers, checkpoint: Checkpoint): SessionTable {
  const { groups, vectors, norms, threshold } = scored;
  const vectorScores = scored.scores;
  const count = groups.count;
  const scores = new Float64Array(count);
  const flagged = new Uint8Array(count);
  const vectorRanks = ranksFor(vectorScores, scored.weights);
  const ranks = new Float64Array(count);
  // Reasons for the flagged behaviours and the next most anomalous ones; none for the tens of
  // thousands of ordinary behaviours nobody will look at.
  const explained = new Set(
    Array.from(vectorScores.keys())
      .sort((a, b) => vectorScores[b] - vectorScores[a] || a - b)
      .filter((v, position) => vectorScores[v] >= threshold || position < EXPLAINED_SESSION_BEHAVIOURS),
  );
  const reasonsByVector = new Map<number, readonly Reason[]>();
  const reasons: (readonly Reason[])[] = [];
  const firstLines = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    if ((s & (CHECK_EVERY >> 4)) === 0) checkpoint();
    const v = groups.vectorOf[s];
    scores[s] = vectorScores[v];
    ranks[s] = vectorRanks[v];
    flagged[s] = vectorScores[v] >= threshold ? 1 : 0;
    let vectorReasons = reasonsByVector.get(v);
    if (vectorReasons === undefined) {
      vectorReasons = explained.has(v) ? sessionReasons(scored.modelReasons(v), explainSessionVector(v, vectors, norms)) : NO_REASONS;
      reasonsByVector.set(v, vectorReasons);
    }
    const transition = scored.rareTransitions.get(s);
    reasons.push(
      transition === undefined
        ? vectorReasons
        : [...vectorReasons.filter((reason) => reason.kind !== 'rareSessionShape'), { kind: 'rareTransition', ...transition, totalSessions: scored.transitionSessions }],
    );
    firstLines[s] = firstLineOf(log, groups.entries[groups.entryStarts[s]]);
  }
  const { memberStarts, members } = sessionMembers(log, groups, spares);
  const lineCounts = new Int32Array(count);
  for (let s = 0; s < count; s++) lineCounts[s] = memberStarts[s + 1] - memberStarts[s];
  return { count, ids: groups.names, firstLines, lineCounts, durationsMs: groups.durationsMs, scores, ranks, flagged, reasons, memberStarts, members };
}

/** The lines of each session, in file order. */
function sessionMembers(log: CollectedLog, groups: SessionGroups, spares: SpareBuffers): { memberStarts: Int32Array; members: Int32Array } {
  // When every line is an entry (no blank or continuation lines), a session's lines are its entries.
  if (log.entryCount === log.lineCount) return { memberStarts: groups.entryStarts, members: groups.entries };
  const count = groups.count;
  const memberStarts = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) {
    let lines = 0;
    for (let i = groups.entryStarts[s]; i < groups.entryStarts[s + 1]; i++) lines += 1 + continuationLines(log, groups.entries[i]);
    memberStarts[s + 1] = memberStarts[s] + lines;
  }
  const members = spares.take(Int32Array, memberStarts[count]);
  let k = 0;
  for (let s = 0; s < count; s++) {
    for (let i = groups.entryStarts[s]; i < groups.entryStarts[s + 1]; i++) {
      const entry = groups.entries[i];
      const first = firstLineOf(log, entry);
      for (let line = first, last = first + continuationLines(log, entry); line <= last; line++) members[k++] = line;
    }
  }
  return { memberStarts, members };
}

/** The session model's reasons first; "a rare shape" only when nothing else explains the session. */
function sessionReasons(model: readonly Reason[], counts: readonly Reason[]): readonly Reason[] {
  if (model.length === 0) return counts;
  return [...model, ...counts.filter((reason) => reason.kind !== 'rareSessionShape')];
}
