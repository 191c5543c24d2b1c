/**
 * The level as a signal: a line's own severity raises its model score, so that a rare ERROR or FATAL line
 * ranks above an equally rare INFO one, and a template of errors the model finds unusual stands above the
 * ordinary lines around it. The score becomes 1 - (1 - score)(1 - w): monotone in the model's score, so
 * the order among lines of one level is the model's. The weight shrinks as the level gets common: in a log
 * where a third of the lines are errors, an error is less telling.
 */
import { Level } from '../formats/levels';

/** Weight per level (unknown, trace, debug, info, notice, warn, error, fatal): only errors and fatal alerts. */
const SEVERITY_WEIGHT: readonly number[] = [0, 0, 0, 0, 0, 0, 0.5, 0.7];

/** Raises `scores` (per vector) in place by each vector's level; `counts` weighs the vectors by lines. */
export function raiseBySeverity(scores: Float64Array, levels: Uint8Array, counts: Float64Array): void {
  const linesAtLevel = new Float64Array(SEVERITY_WEIGHT.length);
  for (let v = 0; v < scores.length; v++) linesAtLevel[levels[v]] += counts[v];
  raiseByLevelShares(scores, levels, linesAtLevel);
}

/** The same with the weights from a log's lines per level (a followed log's first run, for the lines that arrive). */
export function raiseByLevelShares(scores: Float64Array, levels: Uint8Array, linesAtLevel: ArrayLike<number>): void {
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
    const weight = weights[levels[v]];
    if (weight > 0) scores[v] = 1 - (1 - scores[v]) * (1 - weight);
  }
}
