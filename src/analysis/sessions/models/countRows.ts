/**
 * The session × event-count matrix the count models learn from: one row per distinct count vector
 * (sessions that differ only in duration or line scores share it), weighted by its sessions, and
 * one column per event that enough sessions have. Rare events get no column of their own: a
 * relation among events seen a handful of times is chance.
 */
import type { SessionVectors } from '../sessionFeatures';

/** An event gets a column when at least this share of sessions, and this many, have it. */
export const MIN_EVENT_SHARE = 0.01;
export const MIN_EVENT_SESSIONS = 10;

export interface CountRows {
  /** Distinct count vectors among the sessions learnt from. */
  readonly rows: number;
  /** Template of each column. */
  readonly events: Int32Array;
  /** rows × events counts, row-major. */
  readonly values: Float64Array;
  /** Sessions per row. */
  readonly weights: Float64Array;
  /** Sessions learnt from. */
  readonly sessions: number;
  /** Sessions that have each column's event. */
  readonly having: Float64Array;
}

/** The columns' counts of every session vector (learnt from or not), vectors × events, row-major. */
export function countsOfVectors(vectors: SessionVectors, events: Int32Array): Float64Array {
  const column = new Map<number, number>();
  events.forEach((template, c) => column.set(template, c));
  const values = new Float64Array(vectors.count * events.length);
  for (let v = 0; v < vectors.count; v++) {
    for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) {
      const c = column.get(vectors.templates[i]);
      if (c !== undefined) values[v * events.length + c] = vectors.counts[i];
    }
  }
  return values;
}

/** The distinct count rows of the vectors with weight, over the events enough of them have. */
export function countRows(vectors: SessionVectors): CountRows {
  let sessions = 0;
  const havingByTemplate = new Map<number, number>();
  for (let v = 0; v < vectors.count; v++) {
    const weight = vectors.weights[v];
    if (weight <= 0) continue;
    sessions += weight;
    for (let i = vectors.eventStarts[v]; i < vectors.eventStarts[v + 1]; i++) {
      havingByTemplate.set(vectors.templates[i], (havingByTemplate.get(vectors.templates[i]) ?? 0) + weight);
    }
  }
  const minimum = Math.max(MIN_EVENT_SESSIONS, MIN_EVENT_SHARE * sessions);
  const events = Int32Array.from([...havingByTemplate.keys()].filter((t) => (havingByTemplate.get(t) as number) >= minimum).sort((a, b) => a - b));
  const having = Float64Array.from(events, (t) => havingByTemplate.get(t) as number);
  const all = countsOfVectors(vectors, events);
  const width = events.length;
  const rowOf = new Map<string, number>();
  const values: number[] = [];
  const weights: number[] = [];
  for (let v = 0; v < vectors.count; v++) {
    if (vectors.weights[v] <= 0) continue;
    const row = all.subarray(v * width, (v + 1) * width);
    const key = row.join(',');
    let r = rowOf.get(key);
    if (r === undefined) {
      r = weights.length;
      rowOf.set(key, r);
      weights.push(0);
      for (const value of row) values.push(value);
    }
    weights[r] += vectors.weights[v];
  }
  return { rows: weights.length, events, values: Float64Array.from(values), weights: Float64Array.from(weights), sessions, having };
}
