/** The command line: `log-anomaly detect FILE [options]`, parsed into a typed snapshot. */
import { parseArgs } from 'node:util';
import { type AnalysisOptions, groupDigits, MODEL_NAMES, type ModelName, parseContamination, SESSION_MODEL_NAMES, type SessionModelName } from '../analysis';

export const USAGE = `Usage: log-anomaly detect FILE [options]

Finds anomalous lines and sessions in a log file.

Options:
  --model iforest|ocsvm|ensemble   model (default: iforest)
  --session-model auto|invariants|pca|iforest|ocsvm|ensemble
                                   session model (default: auto = invariants when sessions keep them)
  --contamination auto|F           threshold: auto, or the expected anomaly fraction, e.g. 0.01
  --session-key auto|none|REGEX    how lines group into sessions (default: auto)
  --format auto|NAME|REGEX         header format, or a regex with named groups (default: auto)
  --baseline FILE                  a known-good log, or a model saved by train: report what is new
  --follow                         keep reading what is appended to FILE and print its anomalies
  --save MODEL.json                (train) where to write the fitted model
  --seed N                         random seed (default: 42)
  --threads N                      parsing threads, 1 to 64 (default: one per core, up to 4); the
                                   answers are the same for any number
  --top N                          anomalies and sessions to list, 0 to 100000 (default: 10)
  --json                           print the result as JSON on stdout
  --out DIR                        write lines.csv, templates.csv and sessions.csv into DIR
  -h, --help                       show this help
`;

export interface CliCommand {
  readonly kind: 'detect' | 'train';
  readonly file: string;
  /** train: where the model goes. */
  readonly save: string | null;
  readonly follow: boolean;
  readonly baseline: string | null;
  readonly options: Partial<AnalysisOptions>;
  readonly top: number;
  readonly json: boolean;
  readonly out: string | null;
  /** Parsing threads, or null for one per core (up to four). */
  readonly threads: number | null;
}

export type ParsedCommandLine = { readonly kind: 'help' } | { readonly kind: 'run'; readonly command: CliCommand };

/** Throws a RangeError whose message tells the user what to fix. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: 'string' },
        'session-model': { type: 'string' },
        contamination: { type: 'string' },
        'session-key': { type: 'string' },
        format: { type: 'string' },
        baseline: { type: 'string' },
        seed: { type: 'string' },
        threads: { type: 'string' },
        top: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        follow: { type: 'boolean' },
        save: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new RangeError((error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, file, ...rest] = positionals;
  if (command !== 'detect' && command !== 'train') throw new RangeError(command === undefined ? 'Missing command: use "log-anomaly detect FILE".' : `Unknown command "${command}": use "log-anomaly detect FILE" or "log-anomaly train FILE --save MODEL.json".`);
  if (file === undefined) throw new RangeError(`Missing FILE: use "log-anomaly ${command} FILE".`);
  if (rest.length > 0) throw new RangeError(`Unexpected argument "${rest[0]}": give one FILE.`);

  const options: { -readonly [K in keyof AnalysisOptions]?: AnalysisOptions[K] } = {};
  if (values.model !== undefined) {
    if (!MODEL_NAMES.includes(values.model as ModelName)) throw new RangeError(`--model must be one of ${MODEL_NAMES.join(', ')}; got "${values.model}".`);
    options.model = values.model as ModelName;
  }
  if (values['session-model'] !== undefined) {
    if (!SESSION_MODEL_NAMES.includes(values['session-model'] as SessionModelName)) throw new RangeError(`--session-model must be one of ${SESSION_MODEL_NAMES.join(', ')}; got "${values['session-model']}".`);
    options.sessionModel = values['session-model'] as SessionModelName;
  }
  if (values.contamination !== undefined) options.contamination = parseContamination(values.contamination);
  if (values['session-key'] !== undefined) options.sessionKey = values['session-key'];
  if (values.format !== undefined) options.format = values.format;
  if (values.seed !== undefined) options.seed = integer('--seed', values.seed, 0, Number.MAX_SAFE_INTEGER);
  const top = values.top !== undefined ? integer('--top', values.top, 0, MAX_TOP) : 10;
  const threads = values.threads !== undefined ? integer('--threads', values.threads, 1, MAX_THREADS) : null;
  const save = values.save ?? null;
  if (command === 'train') {
    if (save === null) throw new RangeError('Missing --save MODEL.json: train writes the fitted model there.');
    for (const flag of ['baseline', 'follow', 'out'] as const) if (values[flag] !== undefined) throw new RangeError(`--${flag} is for detect, not train.`);
  } else if (save !== null) {
    throw new RangeError('--save is for train: use "log-anomaly train GOOD.log --save MODEL.json".');
  }
  const follow = values.follow ?? false;
  if (follow && values.out !== undefined) throw new RangeError('--out cannot be used with --follow: a followed log has no end to write results at.');
  return {
    kind: 'run',
    command: { kind: command, file, save, follow, baseline: values.baseline ?? null, options, top, json: values.json ?? false, out: values.out ?? null, threads },
  };
}

/** Anomalies and sessions `--top` may list: enough for any reader, and a bound on the JSON's size and memory. */
export const MAX_TOP = 100_000;
/** Parsing threads `--threads` may ask for. */
const MAX_THREADS = 64;

/** Digits only (no sign, exponent or empty text), from min to max. */
function integer(flag: string, text: string, min: number, max: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = `from ${groupDigits(min)} to ${groupDigits(max)}`;
    throw new RangeError(`${flag} must be a whole number ${range}; got "${text}".`);
  }
  return value;
}
