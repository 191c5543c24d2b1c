/**
 * Invariants Mining (Lou et al., USENIX ATC 2010): sparse integer relations among a session's
 * event counts that nearly every session keeps, such as count(allocateBlock) = 1 or
 * count(Receiving block) = count(PacketResponder terminating). A session that breaks one did
 * something a working system does not: a step missing, repeated or half done.
 *
 * Candidates are small: one event at a constant count, two events in a ratio of small integers, or
 * three events where two add up to the third. One is kept when at least 98% of the sessions that
 * have any of its events keep it; kept ones are chosen greedily (fewest events, highest support
 * first), skipping any that follows from those already kept, so one fault reads as few broken
 * relations rather than many. Mining reads each distinct count vector once, with its weight.
 */
import type { CountRows } from './countRows';
import { RowSpan } from './linearAlgebra';

/** An invariant is kept when this share of the sessions with any of its events keeps it. */
export const MIN_SUPPORT = 0.98;
/** ... and at least this many sessions (and this share of them) have its events. */
const MIN_DOMAIN_SESSIONS = 10;
const MIN_DOMAIN_SHARE = 0.01;
/** Coefficients of two-event ratios a·x = b·y, and of three-event sums a·x + b·y = c·z. */
const PAIR_COEFFICIENTS = [1, 2, 3];
const TRIPLE_COEFFICIENTS = [1, 2];
/** Three-event relations are sought among at most this many of the most common events. */
const MAX_TRIPLE_EVENTS = 40;

export interface InvariantTerm {
  /** Column in the count rows. */
  readonly column: number;
  readonly coefficient: number;
}

/** Σ coefficient · count(event) = constant. Two- and three-term invariants have constant 0. */
export interface Invariant {
  readonly terms: readonly InvariantTerm[];
  readonly constant: number;
  /** Share of the sessions with any of its events that keep it. */
  readonly support: number;
  /** Share of all sessions that have any of its events. */
  readonly coverage: number;
}

export function mineInvariants(data: CountRows): Invariant[] {
  const { rows, weights, sessions } = data;
  const width = data.events.length;
  if (rows === 0 || width === 0) return [];
  const columns = Array.from({ length: width }, (_, c) => Float64Array.from({ length: rows }, (_, r) => data.values[r * width + c]));
  const minDomain = Math.max(MIN_DOMAIN_SESSIONS, MIN_DOMAIN_SHARE * sessions);
  const span = new RowSpan(width + 1);
  const kept: Invariant[] = [];
  const keep = (candidates: Invariant[]): void => {
    candidates.sort((a, b) => b.support - a.support || compareTerms(a, b));
    for (const candidate of candidates) if (span.addIfIndependent(relationRow(candidate, width))) kept.push(candidate);
  };

  // One event at a constant count, over all sessions (a session without it breaks it).
  const constants: Invariant[] = [];
  for (let c = 0; c < width; c++) {
    if (data.having[c] < MIN_SUPPORT * sessions) continue;
    const byCount = new Map<number, number>();
    for (let r = 0; r < rows; r++) byCount.set(columns[c][r], (byCount.get(columns[c][r]) ?? 0) + weights[r]);
    let mode = 0;
    let modeWeight = -1;
    for (const [count, weight] of byCount) if (weight > modeWeight || (weight === modeWeight && count < mode)) [mode, modeWeight] = [count, weight];
    if (mode > 0 && modeWeight >= MIN_SUPPORT * sessions) constants.push({ terms: [{ column: c, coefficient: 1 }], constant: mode, support: modeWeight / sessions, coverage: 1 });
  }
  keep(constants);

  const pairs: Invariant[] = [];
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) {
      let best: Invariant | null = null;
      for (const a of PAIR_COEFFICIENTS) {
        for (const b of PAIR_COEFFICIENTS) {
          if (gcd(a, b) !== 1) continue;
          const terms = [{ column: i, coefficient: a }, { column: j, coefficient: -b }];
          const found = supported(terms, columns, weights, sessions, minDomain);
          if (found && (best === null || found.support > best.support)) best = found;
        }
      }
      if (best) pairs.push(best);
    }
  }
  keep(pairs);

  const common = Array.from({ length: width }, (_, c) => c)
    .sort((a, b) => data.having[b] - data.having[a] || a - b)
    .slice(0, MAX_TRIPLE_EVENTS)
    .sort((a, b) => a - b);
  const triples: Invariant[] = [];
  for (let x = 0; x < common.length; x++) {
    for (let y = x + 1; y < common.length; y++) {
      for (const z of common) {
        const [i, j] = [common[x], common[y]];
        if (z === i || z === j) continue;
        // Sessions keeping a·x + b·y = c·z have z exactly when they have x or y.
        const [hi, hj, hz] = [data.having[i], data.having[j], data.having[z]];
        if (hz < MIN_SUPPORT * Math.max(hi, hj) || hi + hj < MIN_SUPPORT * hz) continue;
        let best: Invariant | null = null;
        for (const a of TRIPLE_COEFFICIENTS) {
          for (const b of TRIPLE_COEFFICIENTS) {
            for (const c of PAIR_COEFFICIENTS) {
              if (gcd(gcd(a, b), c) !== 1) continue;
              const terms = [{ column: i, coefficient: a }, { column: j, coefficient: b }, { column: z, coefficient: -c }];
              if (!independentOf(span, terms, width)) continue;
              const found = supported(terms, columns, weights, sessions, minDomain);
              if (found && (best === null || found.support > best.support)) best = found;
            }
          }
        }
        if (best) triples.push(best);
      }
    }
  }
  keep(triples);
  return kept;
}

/** Σ coefficient · count − constant for one session's counts (0 = kept). */
export function invariantResidual(invariant: Invariant, counts: ArrayLike<number>, offset = 0): number {
  let sum = -invariant.constant;
  for (const term of invariant.terms) sum += term.coefficient * counts[offset + term.column];
  return sum;
}

/**
 * The invariant with these terms (constant 0) if enough of the sessions with any of its events
 * keep it, and enough of the sessions with each one: a relation that holds only where one of its
 * events is absent says nothing about that event (open + retry = close, where a retry is rare).
 */
function supported(terms: readonly InvariantTerm[], columns: readonly Float64Array[], weights: Float64Array, sessions: number, minDomain: number): Invariant | null {
  let domain = 0;
  let kept = 0;
  const having = new Float64Array(terms.length);
  const keeping = new Float64Array(terms.length);
  for (let r = 0; r < weights.length; r++) {
    let any = false;
    let sum = 0;
    for (const term of terms) {
      any ||= columns[term.column][r] > 0;
      sum += term.coefficient * columns[term.column][r];
    }
    if (!any) continue;
    domain += weights[r];
    if (sum === 0) kept += weights[r];
    terms.forEach((term, t) => {
      if (columns[term.column][r] === 0) return;
      having[t] += weights[r];
      if (sum === 0) keeping[t] += weights[r];
    });
  }
  if (domain < minDomain) return null;
  if (kept < MIN_SUPPORT * domain || terms.some((_, t) => keeping[t] < MIN_SUPPORT * having[t])) return null;
  return { terms, constant: 0, support: kept / domain, coverage: domain / sessions };
}

function relationRow(invariant: Invariant, width: number): Float64Array {
  const row = new Float64Array(width + 1);
  for (const term of invariant.terms) row[term.column] = term.coefficient;
  row[width] = -invariant.constant;
  return row;
}

/** Whether the relation is new to the span, without adding it. */
function independentOf(span: RowSpan, terms: readonly InvariantTerm[], width: number): boolean {
  return span.wouldBeIndependent(relationRow({ terms, constant: 0, support: 0, coverage: 0 }, width));
}

function compareTerms(a: Invariant, b: Invariant): number {
  for (let k = 0; k < Math.min(a.terms.length, b.terms.length); k++) {
    const difference = a.terms[k].column - b.terms[k].column || a.terms[k].coefficient - b.terms[k].coefficient;
    if (difference !== 0) return difference;
  }
  return a.terms.length - b.terms.length;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
