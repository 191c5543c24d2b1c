/**
 * What the engine hands the models: one row per DISTINCT feature vector, with how many log lines
 * (or sessions) have it. Models work once per distinct vector, never per raw line, and a row of
 * weight w means exactly "this row duplicated w times": fitting on weights and fitting on the
 * duplicated rows describe the same data.
 */
import { plural } from '../util/text';
export interface Dataset {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols finite numbers, row-major: value (r, c) is values[r * cols + c]. */
  readonly values: Float64Array;
  /** Per row, how many lines have this vector: positive integers. Absent means 1 each. */
  readonly weights?: Float64Array;
}

/** Dataset from plain rows, for tests and small callers. */
export function datasetFromRows(rows: readonly (readonly number[])[], weights?: readonly number[]): Dataset {
  const cols = rows.length === 0 ? 0 : rows[0].length;
  const values = new Float64Array(rows.length * cols);
  rows.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`row ${r} has ${row.length} values; row 0 has ${cols}`);
    values.set(row, r * cols);
  });
  return { rows: rows.length, cols, values, weights: weights === undefined ? undefined : Float64Array.from(weights) };
}

/** Checks data to fit on: at least one row, finite values, positive integer weights. Throws a RangeError naming the first problem and what to fix. */
export function validateDataset(data: Dataset): void {
  checkShapeAndValues(data, 1);
  const weights = data.weights;
  if (weights === undefined) return;
  if (!(weights instanceof Float64Array) || weights.length !== data.rows) {
    throw new RangeError(`data.weights must be a Float64Array with one count per row (${data.rows}); got ${describeLength(weights)}`);
  }
  for (let r = 0; r < weights.length; r++) {
    const w = weights[r];
    if (!Number.isSafeInteger(w) || w < 1) {
      throw new RangeError(`data.weights[${r}] is ${String(w)}; a weight is how many lines have the row: a positive integer`);
    }
  }
}

/** Checks data to score: any number of rows, finite values, the columns the model was fitted on. Weights play no part in scoring and are not read. */
export function validateScoringData(data: Dataset, fittedCols: number): void {
  checkShapeAndValues(data, 0);
  if (data.cols !== fittedCols) {
    throw new RangeError(`the model was fitted on ${fittedCols} columns; the data to score has ${data.cols}`);
  }
}

function checkShapeAndValues(data: Dataset, minRows: number): void {
  if (!Number.isInteger(data.rows) || data.rows < minRows) {
    throw new RangeError(`data must have at least ${plural(minRows, 'row')}; got rows = ${String(data.rows)}`);
  }
  if (!Number.isInteger(data.cols) || data.cols < 1) {
    throw new RangeError(`data must have at least one column; got cols = ${String(data.cols)}`);
  }
  if (!(data.values instanceof Float64Array) || data.values.length !== data.rows * data.cols) {
    throw new RangeError(
      `data.values must be a Float64Array of rows × cols = ${data.rows * data.cols} numbers; got ${describeLength(data.values)}`,
    );
  }
  const values = data.values;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      const row = Math.floor(i / data.cols);
      throw new RangeError(`data has ${String(values[i])} at row ${row}, column ${i - row * data.cols}; every value must be a finite number`);
    }
  }
}

/** Weight of every row, 1s when the dataset has none. */
export function rowWeights(data: Dataset): Float64Array {
  return data.weights ?? new Float64Array(data.rows).fill(1);
}

export function totalWeight(data: Dataset): number {
  if (data.weights === undefined) return data.rows;
  let total = 0;
  for (let r = 0; r < data.rows; r++) total += data.weights[r];
  return total;
}

/** Throws for option names the model does not know, so a typo does not pass silently. */
export function checkKnownKeys(params: object, known: readonly string[], model: string): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      throw new RangeError(`unknown ${model} option "${key}"; the options are ${known.join(', ')}`);
    }
  }
}

function describeLength(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  const length = (value as { length?: unknown }).length;
  const kind = (value as object).constructor?.name ?? typeof value;
  return typeof length === 'number' ? `a ${kind} of length ${length}` : kind;
}
