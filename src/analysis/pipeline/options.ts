/** What a caller may set for one analysis run, validated once into a complete snapshot. */

export type ModelName = 'iforest' | 'ocsvm' | 'ensemble';
export const MODEL_NAMES: readonly ModelName[] = ['iforest', 'ocsvm', 'ensemble'];

/**
 * How sessions are scored: `auto` uses Invariants Mining when the log's sessions keep relations
 * among their event counts, and the line model's algorithm on session features otherwise.
 */
export type SessionModelName = 'auto' | 'invariants' | 'pca' | ModelName;
export const SESSION_MODEL_NAMES: readonly SessionModelName[] = ['auto', 'invariants', 'pca', ...MODEL_NAMES];

/** `auto` lets the score distribution pick the threshold; a number is the expected anomaly fraction. */
export type Contamination = 'auto' | number;

export interface AnalysisOptions {
  readonly model: ModelName;
  readonly sessionModel: SessionModelName;
  readonly contamination: Contamination;
  /** `auto`, `none`, or a regular expression whose first capture group (or whole match) is the session id. */
  readonly sessionKey: string;
  /** `auto`, a format name (see formats), or a regular expression with named groups. */
  readonly format: string;
  readonly seed: number;
  /** Lines longer than this many bytes are analysed by their prefix. */
  readonly maxLineBytes: number;
  /** Templates the user marked as expected: lines matching them are never flagged. */
  readonly expectedTemplates: readonly string[];
}

export const DEFAULT_OPTIONS: AnalysisOptions = {
  model: 'iforest',
  sessionModel: 'auto',
  contamination: 'auto',
  sessionKey: 'auto',
  format: 'auto',
  seed: 42,
  maxLineBytes: 4096,
  expectedTemplates: [],
};

/** Fills defaults and checks every field; a bad value throws a RangeError that says what to fix. */
export function resolveOptions(input: Partial<AnalysisOptions> = {}): AnalysisOptions {
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(input) };
  if (!MODEL_NAMES.includes(options.model)) {
    throw new RangeError(`model must be one of ${MODEL_NAMES.join(', ')}; got "${String(options.model)}"`);
  }
  if (!SESSION_MODEL_NAMES.includes(options.sessionModel)) {
    throw new RangeError(`sessionModel must be one of ${SESSION_MODEL_NAMES.join(', ')}; got "${String(options.sessionModel)}"`);
  }
  const c = options.contamination;
  if (c !== 'auto' && !(typeof c === 'number' && c > 0 && c <= 0.5)) {
    throw new RangeError(`contamination must be "auto" or a fraction in (0, 0.5]; got ${JSON.stringify(c)}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new RangeError(`seed must be a non-negative integer; got ${String(options.seed)}`);
  }
  if (!Number.isInteger(options.maxLineBytes) || options.maxLineBytes < 64) {
    throw new RangeError(`maxLineBytes must be an integer of at least 64; got ${String(options.maxLineBytes)}`);
  }
  if (typeof options.sessionKey !== 'string' || options.sessionKey.length === 0) {
    throw new RangeError('sessionKey must be "auto", "none" or a regular expression');
  }
  if (typeof options.format !== 'string' || options.format.length === 0) {
    throw new RangeError('format must be "auto", a format name or a regular expression with named groups');
  }
  return options;
}

/** Parses the CLI's and the settings' contamination text: `auto` or a fraction such as 0.05. */
export function parseContamination(text: string): Contamination {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 0.5) {
    throw new RangeError(`contamination must be "auto" or a fraction in (0, 0.5]; got "${text}"`);
  }
  return value;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
