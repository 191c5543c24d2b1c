/**
 * A log scored against a fitted baseline, without learning anything from it: read as the baseline
 * was, its lines matched to the baseline's templates (others mined as new ones), featured with the
 * baseline's statistics and scored by the baseline's models. Only the threshold comes from the log
 * (its own score distribution), as a run always chooses it.
 */
import { buildLineVectors, extendTemplateStats, lineFeatureMatrix, lineVectorIdsOf } from '../features/lineFeatures';
import { extendTemplateTfidf } from '../features/tfidf';
import { assembleReport } from '../pipeline/assembleReport';
import { scaledWith } from '../pipeline/modelInput';
import type { AnalysisOptions } from '../pipeline/options';
import type { AnalysisHooks, ProgressTracker } from '../pipeline/progress';
import { readLogs, type ReadLogs } from '../pipeline/readLogs';
import { thresholded, type FittedLines, type ScoredLines } from '../pipeline/scoreLines';
import { sessionScoring, type FittedSessions, type ScoredSessions } from '../pipeline/scoreSessions';
import type { LogSource } from '../reading/sources';
import type { AnalysisReport } from '../report/report';
import { groupSessions, sessionNorms, SessionVectorBuilder } from '../sessions/sessionFeatures';
import { optionsAgainst, type BaselineModel } from './baselineModel';
import { KnownTemplateMiner } from './knownTemplates';

export async function analyzeAgainst(source: LogSource, baseline: BaselineModel, runOptions: AnalysisOptions, hooks: AnalysisHooks, progress: ProgressTracker): Promise<AnalysisReport> {
  const options = optionsAgainst(baseline, runOptions);
  const read = await readLogs(source, options, hooks, progress, {
    miner: new KnownTemplateMiner(baseline.templates),
    // A baseline with no lines has nothing to choose from: the log chooses from its own lines.
    sample: baseline.entries > 0 ? baseline.reading.sample : null,
    baselineCounts: baseline.lineModel.stats.counts,
    baseline: { lines: baseline.lines, entries: baseline.entries, entryShare: baseline.entryShare },
    role: 'log',
  });
  const lines = scoreLinesAgainst(read, baseline.lineModel, options, progress);
  const sessions = scoreSessionsAgainst(read, lines, baseline.sessionModel, options, progress);
  return assembleReport(read, lines, sessions, options, progress);
}

export function scoreLinesAgainst({ log, templates }: ReadLogs, fitted: FittedLines, options: AnalysisOptions, progress: ProgressTracker): ScoredLines {
  const checkpoint = (): void => progress.checkCancelled();
  const known = fitted.stats.counts.length;
  const stats = extendTemplateStats(fitted.stats, templates.count);
  const tfidf = extendTemplateTfidf(fitted.tfidf, templates.texts.slice(known));
  const { vectors, entryVectors } = buildLineVectors(log, templates.ofEntry, stats, checkpoint);
  const matrix = lineFeatureMatrix(vectors, stats, tfidf, templates.tokenCounts);
  progress.finish('features');
  const scores = fitted.model ? fitted.model.anomalyScores(scaledWith(matrix, fitted.scaling)) : new Float64Array(vectors.count);
  return thresholded(stats, tfidf, vectors, lineVectorIdsOf(log, entryVectors, vectors.count, checkpoint), scores, templates.expected, { referenceLevelLines: fitted.stats.levelCounts }, options, progress);
}

/**
 * The log's sessions scored by session models fitted on the baseline's behaviours (the baseline's
 * distinct sessions, first, with its weights), as a run with the baseline log fits them.
 */
export function scoreSessionsAgainst({ log, templates }: ReadLogs, lines: ScoredLines, fitted: FittedSessions, options: AnalysisOptions, progress: ProgressTracker): ScoredSessions {
  const known = fitted.behaviours;
  const builder = new SessionVectorBuilder();
  for (let v = 0; v < known.count; v++) {
    const events: number[] = [];
    for (let i = known.eventStarts[v]; i < known.eventStarts[v + 1]; i++) for (let k = 0; k < known.counts[i]; k++) events.push(known.templates[i]);
    // The duration back from its bucket (log2 of seconds in half steps) buckets to the same.
    const bucket = known.durationBuckets[v];
    builder.vectorOf(Int32Array.from(events), bucket === bucket ? (2 ** bucket - 1) * 1000 : NaN, known.maxLineScores[v]);
  }
  const groups = groupSessions(log, templates.ofEntry, builder, lines.lineVectorIds, lines.modelScores, () => progress.checkCancelled());
  const all = builder.build([groups]);
  const learnt = new Float64Array(all.count);
  learnt.set(known.weights);
  const vectors = { ...all, weights: learnt };
  const norms = sessionNorms(vectors, templates.count);
  const scoring = sessionScoring(vectors, all.weights, norms, groups.count, options);
  progress.finish('sessions');
  // Event orders are not kept in a baseline: no rare-transition reasons against one.
  return { groups, vectors, weights: all.weights, norms, scores: scoring.scores, threshold: scoring.threshold, model: scoring.model, modelReasons: scoring.reasons, rareTransitions: new Map(), transitionSessions: 0 };
}
