/** Small weighted statistics over distinct values (each value stands for `weight` items). */

/** The value at which the cumulative weight first reaches half of the total. */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (const w of weights) total += w;
  if (total === 0) return 0;
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i];
    if (cumulative >= total / 2) return values[i];
  }
  return values[order[order.length - 1]];
}
