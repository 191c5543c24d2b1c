/**
 * Numeric parameters, kept per entry as one byte each: the magnitude on a third-of-an-octave scale.
 * "How unusual is this value for its template" then becomes "how rare is its magnitude bucket
 * among the template's lines", which needs no per-line numbers kept and no second read.
 */

/** Parameters kept per entry (the first ones in the message). */
export const PARAMS_PER_ENTRY = 3;

/** 0 means "no parameter at this position". */
export function quantizeParameter(value: number): number {
  if (!Number.isFinite(value)) return 255;
  return 1 + Math.min(253, Math.floor(Math.log2(1 + Math.abs(value)) * 3));
}

/** The smallest magnitude in a bucket, for sentences such as "Parameter 2 = 98304 is unusual". */
export function bucketLowerBound(code: number): number {
  return code <= 1 ? 0 : Math.round(2 ** ((code - 1) / 3) - 1);
}
