/**
 * Sessions as bags of events: each session's template counts (TF-IDF weighted), its length and its
 * duration. Sessions with identical counts and similar duration share one vector, so the model
 * sees each distinct behaviour once, weighted by how many sessions show it.
 */
import { sessionCountOf, type CollectedLog } from '../reading/collect';
import { firstLineOf } from '../reading/entryLines';
import type { LineVectorIds } from '../report/report';
import type { EntryTemplates } from '../pipeline/readLogs';
import { weightedMedian } from '../util/stats';
import { CHECK_EVERY, noCheckpoint, type Checkpoint } from '../pipeline/progress';

/** Sessions of one log, grouped. Entries of session s are entries[entryStarts[s] .. entryStarts[s+1]). */
export interface SessionGroups {
  readonly count: number;
  readonly names: readonly string[];
  readonly entryStarts: Int32Array;
  readonly entries: Int32Array;
  readonly durationsMs: Float64Array;
  /** Distinct vector of each session. */
  readonly vectorOf: Int32Array;
}

/** Distinct session behaviours. Events of vector v are templates/counts[eventStarts[v] .. eventStarts[v+1]). */
export interface SessionVectors {
  readonly count: number;
  /** Sessions per vector. */
  readonly weights: Float64Array;
  readonly eventStarts: Int32Array;
  readonly templates: Int32Array;
  readonly counts: Int32Array;
  /** Entries per session of this vector. */
  readonly lengths: Float64Array;
  /** log2(1 + seconds), rounded to half steps; NaN without timestamps. */
  readonly durationBuckets: Float64Array;
  /** The line model's highest score among the session's lines, to two decimals. */
  readonly maxLineScores: Float64Array;
}

/**
 * @param entryTemplates template of each entry
 * @param lineVectorIds line feature vector of each line (an entry's is its header line's)
 * @param vectorScores the line model's score of each vector
 */
export function groupSessions(
  log: CollectedLog,
  entryTemplates: EntryTemplates,
  builder: SessionVectorBuilder,
  lineVectorIds: LineVectorIds,
  vectorScores: Float64Array,
  checkpoint: Checkpoint = noCheckpoint,
): SessionGroups {
  const count = log.sessionNames.length;
  const entryStarts = new Int32Array(count + 1);
  for (const session of log.pairSessions) entryStarts[session + 1]++;
  for (let s = 0; s < count; s++) entryStarts[s + 1] += entryStarts[s];
  const fill = entryStarts.slice(0, count);
  const entries = new Int32Array(log.pairSessions.length);
  for (let e = 0, pair = 0; e < log.entryCount; e++) {
    for (const end = pair + sessionCountOf(log, e); pair < end; pair++) entries[fill[log.pairSessions[pair]]++] = e;
  }

  const durationsMs = new Float64Array(count);
  const vectorOf = new Int32Array(count);
  // The templates of one session, sorted in place: a typed sort beats a map per session.
  let templates = new Int32Array(64);
  for (let s = 0; s < count; s++) {
    // Sessions hold many entries each: check more often than per line.
    if ((s & (CHECK_EVERY >> 4)) === 0) checkpoint();
    const from = entryStarts[s];
    const size = entryStarts[s + 1] - from;
    if (size > templates.length) templates = new Int32Array(size * 2);
    let first = Infinity;
    let last = -Infinity;
    let maxLineScore = 0;
    for (let i = 0; i < size; i++) {
      const entry = entries[from + i];
      templates[i] = entryTemplates[entry];
      maxLineScore = Math.max(maxLineScore, vectorScores[lineVectorIds[firstLineOf(log, entry)]]);
      const time = log.entryTimes.of(entry);
      if (time === time) {
        if (time < first) first = time;
        if (time > last) last = time;
      }
    }
    durationsMs[s] = last >= first ? last - first : NaN;
    vectorOf[s] = builder.vectorOf(templates.subarray(0, size).sort(), durationsMs[s], Math.round(maxLineScore * 100) / 100);
  }
  return { count, names: log.sessionNames, entryStarts, entries, durationsMs, vectorOf };
}

export class SessionVectorBuilder {
  /** Hash of a behaviour → the vectors with that hash (checked in full: hashes may collide). */
  private readonly index = new Map<number, number[]>();
  private readonly weights: number[] = [];
  private readonly eventStarts: number[] = [0];
  private readonly templates: number[] = [];
  private readonly counts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly durationBuckets: number[] = [];
  private readonly maxLineScores: number[] = [];
  /** The session being looked up, as (template, count) runs. */
  private runTemplates = new Int32Array(64);
  private runCounts = new Int32Array(64);

  /** @param sortedTemplates the template of each of the session's entries, in ascending order */
  vectorOf(sortedTemplates: Int32Array, durationMs: number, maxLineScore: number): number {
    const bucket = durationMs === durationMs ? Math.round(Math.log2(1 + durationMs / 1000) * 2) / 2 : NaN;
    if (this.runTemplates.length < sortedTemplates.length) {
      this.runTemplates = new Int32Array(sortedTemplates.length * 2);
      this.runCounts = new Int32Array(sortedTemplates.length * 2);
    }
    let runs = 0;
    let hash = Math.imul(0x811c9dc5 ^ (bucket === bucket ? bucket * 2 + 1 : 0), 0x01000193);
    hash = Math.imul(hash ^ Math.round(maxLineScore * 100), 0x01000193);
    for (let i = 0; i < sortedTemplates.length; ) {
      let j = i + 1;
      while (j < sortedTemplates.length && sortedTemplates[j] === sortedTemplates[i]) j++;
      this.runTemplates[runs] = sortedTemplates[i];
      this.runCounts[runs++] = j - i;
      hash = Math.imul(Math.imul(hash ^ sortedTemplates[i], 0x01000193) ^ (j - i), 0x01000193);
      i = j;
    }
    const candidates = this.index.get(hash);
    if (candidates !== undefined) {
      for (const id of candidates) if (this.sameBehaviour(id, runs, bucket, maxLineScore)) return id;
    }
    const id = this.weights.length;
    if (candidates === undefined) this.index.set(hash, [id]);
    else candidates.push(id);
    this.weights.push(0);
    for (let r = 0; r < runs; r++) {
      this.templates.push(this.runTemplates[r]);
      this.counts.push(this.runCounts[r]);
    }
    this.eventStarts.push(this.templates.length);
    this.lengths.push(sortedTemplates.length);
    this.durationBuckets.push(bucket);
    this.maxLineScores.push(maxLineScore);
    return id;
  }

  private sameBehaviour(id: number, runs: number, bucket: number, maxLineScore: number): boolean {
    const start = this.eventStarts[id];
    if (this.eventStarts[id + 1] - start !== runs || this.maxLineScores[id] !== maxLineScore) return false;
    const stored = this.durationBuckets[id];
    if (stored !== bucket && !(stored !== stored && bucket !== bucket)) return false;
    for (let r = 0; r < runs; r++) {
      if (this.templates[start + r] !== this.runTemplates[r] || this.counts[start + r] !== this.runCounts[r]) return false;
    }
    return true;
  }

  /** The vectors, weighted by the sessions of `weightedBy` (the log under test, or the baseline). */
  build(weightedBy: readonly SessionGroups[]): SessionVectors {
    const weights = new Float64Array(this.weights.length);
    for (const groups of weightedBy) for (const vector of groups.vectorOf) weights[vector]++;
    return {
      count: this.weights.length,
      weights,
      eventStarts: Int32Array.from(this.eventStarts),
      templates: Int32Array.from(this.templates),
      counts: Int32Array.from(this.counts),
      lengths: Float64Array.from(this.lengths),
      durationBuckets: Float64Array.from(this.durationBuckets),
      maxLineScores: Float64Array.from(this.maxLineScores),
    };
  }
}

/** What typical sessions of the reference log look like, for the columns and the reasons. */
export interface SessionNorms {
  readonly sessions: number;
  /** Share of sessions that have each template at least once. */
  readonly presence: Float64Array;
  /** Median count of each template among the sessions that have it. */
  readonly typicalCount: Float64Array;
  readonly idf: Float64Array;
  readonly medianLength: number;
  readonly medianDurationBucket: number;
}

export function sessionNorms(vectors: SessionVectors, templateCount: number): SessionNorms {
  let sessions = 0;
  const having = new Float64Array(templateCount);
  const countHistograms = new Map<number, Map<number, number>>();
  for (let v = 0; v < vectors.count; v++) {
    const weight = vectors.weights[v];
    if (weight === 0) continue;
    sessions += weight;
    for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) {
      const template = vectors.templates[i];
      having[template] += weight;
      let histogram = countHistograms.get(template);
      if (histogram === undefined) countHistograms.set(template, (histogram = new Map()));
      histogram.set(vectors.counts[i], (histogram.get(vectors.counts[i]) ?? 0) + weight);
    }
  }
  const presence = new Float64Array(templateCount);
  const typicalCount = new Float64Array(templateCount);
  const idf = new Float64Array(templateCount);
  for (let t = 0; t < templateCount; t++) {
    presence[t] = sessions > 0 ? having[t] / sessions : 0;
    idf[t] = Math.log((1 + sessions) / (1 + having[t])) + 1;
    const histogram = countHistograms.get(t);
    typicalCount[t] = histogram ? weightedMedian([...histogram.keys()], [...histogram.values()]) : 0;
  }
  const durations: number[] = [];
  const durationWeights: number[] = [];
  for (let v = 0; v < vectors.count; v++) {
    if (vectors.weights[v] > 0 && vectors.durationBuckets[v] === vectors.durationBuckets[v]) {
      durations.push(vectors.durationBuckets[v]);
      durationWeights.push(vectors.weights[v]);
    }
  }
  return {
    sessions,
    presence,
    typicalCount,
    idf,
    medianLength: weightedMedian(Array.from(vectors.lengths), Array.from(vectors.weights)),
    medianDurationBucket: durations.length > 0 ? weightedMedian(durations, durationWeights) : NaN,
  };
}

/** At most this many templates get a column of their own; the rest share one. */
const MAX_EVENT_COLUMNS = 100;

export function sessionFeatureMatrix(vectors: SessionVectors, norms: SessionNorms): { rows: number; cols: number; values: Float64Array } {
  const order = Array.from(norms.presence.keys())
    .filter((t) => norms.presence[t] > 0)
    .sort((a, b) => norms.presence[b] - norms.presence[a] || a - b)
    .slice(0, MAX_EVENT_COLUMNS);
  const column = new Map<number, number>(order.map((template, i) => [template, i]));
  const other = order.length;
  const cols = order.length + 4;
  const values = new Float64Array(vectors.count * cols);
  for (let v = 0; v < vectors.count; v++) {
    const row = v * cols;
    for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) {
      const template = vectors.templates[i];
      const weight = Math.log1p(vectors.counts[i]) * norms.idf[template];
      values[row + (column.get(template) ?? other)] += weight;
    }
    values[row + other + 1] = Math.log1p(vectors.lengths[v]);
    const bucket = vectors.durationBuckets[v];
    values[row + other + 2] = bucket === bucket ? bucket : 0;
    values[row + other + 3] = vectors.maxLineScores[v];
  }
  return { rows: vectors.count, cols, values };
}
