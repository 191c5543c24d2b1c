/**
 * Scores every session behaviour with the session model the options name. `auto` uses Invariants
 * Mining when the sessions keep relations that hold two or more of their events (the fault-finding
 * signal of HDFS-like logs, found without labels), and the line model's algorithm on session
 * features otherwise (sessions of a web log rarely balance their counts).
 *
 * Invariants Mining scores in tiers: a session that breaks a kept invariant scores above 0.5 and
 * is flagged; one that keeps them all scores below 0.5. Within each tier the order combines how
 * surprising the broken relations are (support-weighted) with how far the session lies off the
 * PCA subspace, so sessions broken in the same way are told apart by how odd the rest of their
 * counts are. PCA alone scores SPE / (SPE + Q), 0.5 at the Q-statistic. Both flag at their own boundary without tuning per log, at most 5% of
 * the sessions unless a contamination is given.
 */
import type { Contamination, ModelName, SessionModelName } from '../../pipeline/options';
import type { Reason } from '../../report/reasons';
import { AUTO_MAX_SHARE, thresholdFor } from '../../scoring/thresholds';
import type { SessionVectors } from '../sessionFeatures';
import { countRows, countsOfVectors, type CountRows } from './countRows';
import { invariantResidual, MIN_SUPPORT, mineInvariants, type Invariant } from './invariants';
import { fitPca, subspaceResidual } from './pca';

/** `auto` mines invariants only with this many sessions to learn from ... */
const MIN_SESSIONS = 50;
/**
 * ... and uses them when they hold two or more events (in one relation, or each at a constant
 * count), each relation covering at least this share of the sessions.
 */
const MIN_TIED_COVERAGE = 0.1;
/** Sessions keeping every invariant score below this, their PCA score times it. */
const KEPT_CEILING = 0.49;
/** Evidence (sum of -ln(1 - support) over broken invariants) at which its half of the score is half way. */
const EVIDENCE_SCALE = 10;
/** Reasons name at most this many broken invariants, or events off the subspace. */
const MAX_REASONS = 3;
/** An event is named as off the subspace when its count is this far from its projection. */
const MIN_EVENT_RESIDUAL = 0.5;

export type UsedSessionModel = Exclude<SessionModelName, 'auto'>;

export interface SessionScoring {
  readonly model: UsedSessionModel;
  /** Per behaviour, in [0, 1]. */
  readonly scores: Float64Array;
  readonly threshold: number;
  /** What the model itself says about a behaviour, most telling first (empty for the feature models). */
  readonly reasons: (vector: number) => Reason[];
}

/** The feature models (today's session model): scores per behaviour and their threshold. */
export interface FeatureScoring {
  readonly scores: Float64Array;
  readonly threshold: number;
}

export interface SessionModelInput {
  readonly vectors: SessionVectors;
  /** Sessions of the log under test per behaviour. */
  readonly weights: Float64Array;
  readonly requested: SessionModelName;
  readonly lineModel: ModelName;
  readonly contamination: Contamination;
  readonly featureScoring: (model: ModelName) => FeatureScoring;
}

export function scoreSessionVectors(input: SessionModelInput): SessionScoring {
  const { requested, vectors } = input;
  const featureModel = requested === 'iforest' || requested === 'ocsvm' || requested === 'ensemble' ? requested : input.lineModel;
  if (requested === 'iforest' || requested === 'ocsvm' || requested === 'ensemble') return featureScoringOf(input, featureModel);
  const data = countRows(vectors);
  if (requested === 'pca') return pcaScoring(input, data);
  const invariants = requested === 'invariants' || data.sessions >= MIN_SESSIONS ? mineInvariants(data) : [];
  const tiedEvents = new Set(invariants.filter((invariant) => invariant.coverage >= MIN_TIED_COVERAGE).flatMap((invariant) => invariant.terms.map((term) => term.column)));
  const tied = tiedEvents.size >= 2;
  if (requested === 'auto' && !tied) return featureScoringOf(input, featureModel);
  return invariantScoring(input, data, invariants, pcaScoring(input, data).scores);
}

function featureScoringOf(input: SessionModelInput, model: ModelName): SessionScoring {
  const { scores, threshold } = input.featureScoring(model);
  return { model, scores, threshold, reasons: () => [] };
}

function invariantScoring(input: SessionModelInput, data: CountRows, invariants: readonly Invariant[], pcaScores: Float64Array): SessionScoring {
  const { vectors } = input;
  const width = data.events.length;
  const counts = countsOfVectors(vectors, data.events);
  const surprise = invariants.map((invariant) => -Math.log(Math.max(1e-6, 1 - invariant.support)));
  const related = new Set(invariants.filter((invariant) => invariant.terms.length >= 2).flatMap((invariant) => invariant.terms.map((term) => data.events[term.column])));
  const absent = absentEvents(vectors, data.sessions, related);
  const brokenOf = (v: number): { reason: Reason; surprise: number }[] => {
    const broken: { reason: Reason; surprise: number }[] = [];
    invariants.forEach((invariant, k) => {
      if (invariantResidual(invariant, counts, v * width) === 0) return;
      const terms = invariant.terms.map((term) => ({ templateId: data.events[term.column], coefficient: term.coefficient, count: counts[v * width + term.column] }));
      broken.push({ reason: { kind: 'brokenInvariant', terms, constant: invariant.constant, support: invariant.support }, surprise: surprise[k] });
    });
    for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) {
      const support = absent.get(vectors.templates[i]);
      if (support === undefined) continue;
      const terms = [{ templateId: vectors.templates[i], coefficient: 1, count: vectors.counts[i] }];
      broken.push({ reason: { kind: 'brokenInvariant', terms, constant: 0, support }, surprise: -Math.log(Math.max(1e-6, 1 - support)) });
    }
    return broken;
  };
  const scores = new Float64Array(vectors.count);
  for (let v = 0; v < vectors.count; v++) {
    const evidence = brokenOf(v).reduce((sum, broken) => sum + broken.surprise, 0);
    scores[v] = evidence > 0 ? 0.5 + (0.25 * evidence) / (evidence + EVIDENCE_SCALE) + 0.25 * pcaScores[v] : KEPT_CEILING * pcaScores[v];
  }
  const reasons = (v: number): Reason[] =>
    brokenOf(v)
      .sort((a, b) => b.surprise - a.surprise)
      .slice(0, MAX_REASONS)
      .map((broken) => broken.reason);
  return { model: 'invariants', scores, threshold: boundaryThreshold(scores, input), reasons };
}

/**
 * The events that at most 2% of the sessions learnt from have (or none: new in the log under
 * test), with their invariant count(event) = 0 and its support: the zero invariants of Lou et
 * al., which the relations among common events cannot see. An event a kept relation ties to
 * others (a replication's request and transfer) is a regular, if uncommon, step: it has none.
 */
function absentEvents(vectors: SessionVectors, sessions: number, related: ReadonlySet<number>): Map<number, number> {
  const having = new Map<number, number>();
  for (let v = 0; v < vectors.count; v++) {
    for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) having.set(vectors.templates[i], (having.get(vectors.templates[i]) ?? 0) + vectors.weights[v]);
  }
  const absent = new Map<number, number>();
  for (const [template, count] of having) {
    if (count <= (1 - MIN_SUPPORT) * sessions && !related.has(template)) absent.set(template, 1 - count / Math.max(1, sessions));
  }
  return absent;
}

function pcaScoring(input: SessionModelInput, data: CountRows): SessionScoring {
  const { vectors } = input;
  const width = data.events.length;
  // Xu et al.'s weighting: an event most sessions have says less than one few have (idf).
  const idf = Float64Array.from(data.having, (having) => Math.log(data.sessions / having) + 1);
  const weigh = (counts: Float64Array): Float64Array => counts.map((count, i) => count * idf[i % width]);
  const counts = weigh(countsOfVectors(vectors, data.events));
  const pca = fitPca({ ...data, values: weigh(data.values) });
  const scores = new Float64Array(vectors.count);
  for (let v = 0; v < vectors.count; v++) {
    const { spe } = subspaceResidual(pca, counts, v * width);
    scores[v] = spe / (spe + pca.threshold);
  }
  const raw = countsOfVectors(vectors, data.events);
  const reasons = (v: number): Reason[] => {
    const { residuals } = subspaceResidual(pca, counts, v * width);
    const off = Array.from(residuals.keys())
      .filter((c) => Math.abs(residuals[c]) >= MIN_EVENT_RESIDUAL)
      .sort((a, b) => Math.abs(residuals[b]) - Math.abs(residuals[a]) || a - b)
      .slice(0, MAX_REASONS);
    if (off.length === 0 || scores[v] <= 0.5) return [];
    const events = off.map((c) => ({ templateId: data.events[c], count: raw[v * width + c], expected: raw[v * width + c] - residuals[c] / (idf[c] || 1) }));
    return [{ kind: 'offSubspace', events }];
  };
  return { model: 'pca', scores, threshold: boundaryThreshold(scores, input), reasons };
}

/**
 * Flags what the model puts strictly above 0.5, its own boundary; more than 5% of the sessions
 * there means the boundary is too loose for this log, and the top 5% are flagged. A given
 * contamination is honoured as with the other models.
 */
function boundaryThreshold(scores: Float64Array, input: SessionModelInput): number {
  if (input.contamination !== 'auto') return thresholdFor(scores, input.weights, input.contamination, AUTO_MAX_SHARE.sessions);
  let total = 0;
  let above = 0;
  let lowestAbove = Infinity;
  for (let v = 0; v < scores.length; v++) {
    total += input.weights[v];
    if (scores[v] > 0.5 && input.weights[v] > 0) {
      above += input.weights[v];
      lowestAbove = Math.min(lowestAbove, scores[v]);
    }
  }
  if (above > AUTO_MAX_SHARE.sessions * total) return thresholdFor(scores, input.weights, AUTO_MAX_SHARE.sessions, AUTO_MAX_SHARE.sessions);
  return lowestAbove === Infinity ? 1 + Number.EPSILON : lowestAbove;
}

