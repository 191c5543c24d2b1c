/**
 * The level as a signal: a line's own severity raises its model score, so that a rare ERROR or FATAL line
 * ranks above an equally rare WARN line and that above an INFO one, and a template of errors the model finds
 * unusual stands above the ordinary lines around it. The score becomes 1 - (1 - score)(1 - w): monotone in
 * the model's score, so the order among lines of one level and spread is the model's. The weight shrinks as
 * the level gets common (in a log where a third of the lines are errors, an error is less telling) and as the
 * line's template spreads over the log: an error that is new or comes in a burst rises above one that is
 * always there.
 */
import type { EntryTemplates } from '../pipeline/readLogs';
import { Level } from '../formats/levels';
import { CHECK_EVERY, noCheckpoint, type Checkpoint } from '../pipeline/progress';

/** Weight per level (unknown, trace, debug, info, notice, warn, error, fatal): warnings a little, errors and fatal alerts more. */
const SEVERITY_WEIGHT: readonly number[] = [0, 0, 0, 0, 0, 0.25, 0.5, 0.7];

/** The log is cut into this many stretches of equal entry counts (half in each half of the log) to see where each template occurs. */
export const SPREAD_STRETCHES = 32;
const HALF = SPREAD_STRETCHES / 2;
/**
 * A template in every stretch of the log keeps this share of its level's weight (a new or bursting one all
 * of it): enough to stay above an equally rare line of a lower level, not above an error that just began.
 */
const ALWAYS_THERE_KEEPS = 0.75;

/** Per template, the share of the stretches of each half of the log it occurs in (0 to 1). */
export interface TemplatePresence {
  readonly firstHalf: Float64Array;
  readonly secondHalf: Float64Array;
}

/** Where each template occurs: one pass over the entries' templates, a bit per stretch. */
export function templatePresence(entryTemplates: EntryTemplates, templateCount: number, checkpoint: Checkpoint = noCheckpoint): TemplatePresence {
  const masks = new Uint32Array(templateCount);
  const entries = entryTemplates.length;
  for (let e = 0; e < entries; e++) {
    if ((e & CHECK_EVERY) === 0) checkpoint();
    masks[entryTemplates[e]] |= 1 << Math.floor((e * SPREAD_STRETCHES) / entries);
  }
  return {
    firstHalf: Float64Array.from(masks, (mask) => bitCount(mask & ((1 << HALF) - 1)) / HALF),
    secondHalf: Float64Array.from(masks, (mask) => bitCount(mask >>> HALF) / HALF),
  };
}

/**
 * How much a template is always there: its presence in whichever half of the log it occupies less. A
 * template that is new (absent from the first half), that stopped, or that comes in bursts has a small
 * spread; one that recurs throughout the log a large one.
 */
export function spreadOf(presence: TemplatePresence, template: number): number {
  return Math.min(presence.firstHalf[template], presence.secondHalf[template]);
}

/** The share of all the log's stretches a template occurs in. */
export function shareOfStretches(presence: TemplatePresence, template: number): number {
  return (presence.firstHalf[template] + presence.secondHalf[template]) / 2;
}

function bitCount(mask: number): number {
  let bits = 0;
  for (let rest = mask >>> 0; rest !== 0; rest = (rest & (rest - 1)) >>> 0) bits++;
  return bits;
}

/**
 * Raises `scores` (per vector) in place by each vector's level; `counts` weighs the vectors by lines, and
 * `spreads` (per vector, its template's {@link spreadOf}) lowers the raise of templates always there.
 */
export function raiseBySeverity(scores: Float64Array, levels: Uint8Array, counts: Float64Array, spreads?: Float64Array): void {
  const linesAtLevel = new Float64Array(SEVERITY_WEIGHT.length);
  for (let v = 0; v < scores.length; v++) linesAtLevel[levels[v]] += counts[v];
  raiseByLevelShares(scores, levels, linesAtLevel, spreads);
}

/**
 * The same with the weights from a log's lines per level (a followed log's first run, for the lines that
 * arrive). Without `spreads` (a log scored against a baseline, or its lines as they arrive) no template is
 * judged always there.
 */
export function raiseByLevelShares(scores: Float64Array, levels: Uint8Array, linesAtLevel: ArrayLike<number>, spreads?: Float64Array): void {
  let lines = 0;
  for (let level = 0; level < linesAtLevel.length; level++) lines += linesAtLevel[level];
  if (lines === 0) return;
  const weights = SEVERITY_WEIGHT.map((weight, level) => {
    if (weight === 0) return 0;
    let atLeast = 0;
    for (let l = level; l <= Level.fatal; l++) atLeast += linesAtLevel[l];
    return weight * (1 - atLeast / lines);
  });
  for (let v = 0; v < scores.length; v++) {
    const weight = weights[levels[v]] * (spreads ? 1 - (1 - ALWAYS_THERE_KEEPS) * spreads[v] : 1);
    if (weight > 0) scores[v] = 1 - (1 - scores[v]) * (1 - weight);
  }
}
