/**
 * The extension's settings as one typed, validated snapshot. Pure (no `vscode`), so the rules are
 * unit-tested: `parseSettings` takes a reader for raw values and returns the snapshot plus one
 * message per invalid value, each naming the setting and the default used instead.
 */
import { type Contamination, type ModelName, parseContamination, resolveFormat, resolveSessionKey, type SessionModelName } from '../../analysis';

/** The setting's values, as the user picks them, and the engine's names for them. */
export const MODEL_SETTING_VALUES: Readonly<Record<string, ModelName>> = {
  isolationForest: 'iforest',
  oneClassSvm: 'ocsvm',
  ensemble: 'ensemble',
};

/** The session model setting's values and the engine's names for them. */
export const SESSION_MODEL_SETTING_VALUES: Readonly<Record<string, SessionModelName>> = {
  auto: 'auto',
  invariants: 'invariants',
  pca: 'pca',
  isolationForest: 'iforest',
  oneClassSvm: 'ocsvm',
  ensemble: 'ensemble',
};

/** VS Code shows about this many problems per file; more would only be dropped. */
export const MAX_DIAGNOSTICS_CAP = 1000;

export interface EditorSettings {
  readonly model: ModelName;
  readonly sessionModel: SessionModelName;
  readonly contamination: Contamination;
  readonly sessionKey: string;
  readonly format: string;
  readonly seed: number;
  readonly maxDiagnostics: number;
  /** Lines below this score are not marked even when the threshold is lower. */
  readonly minimumScore: number;
  readonly rerunOnSave: boolean;
  readonly openDashboardAfterRun: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = {
  model: 'iforest',
  sessionModel: 'auto',
  contamination: 'auto',
  sessionKey: 'auto',
  format: 'auto',
  seed: 42,
  maxDiagnostics: 100,
  minimumScore: 0,
  rerunOnSave: false,
  openDashboardAfterRun: true,
};

/** Reads one raw value by its key under `logAnomaly.` (undefined when unset). */
export type RawSettingReader = (key: string) => unknown;

export interface ParsedSettings {
  readonly settings: EditorSettings;
  /** One sentence per invalid value. */
  readonly problems: readonly string[];
}

export function parseSettings(read: RawSettingReader): ParsedSettings {
  const problems: string[] = [];
  const setting = <T>(key: keyof EditorSettings, parse: (raw: unknown) => T, describe: string): T => {
    const fallback = DEFAULT_SETTINGS[key] as T;
    const raw = read(key);
    if (raw === undefined || raw === null) return fallback;
    try {
      return parse(raw);
    } catch (error) {
      const why = error instanceof RangeError ? `${error.message}; ` : '';
      problems.push(`logAnomaly.${key}: ${why}expected ${describe}. Using the default (${showDefault(key, fallback)}).`);
      return fallback;
    }
  };

  const settings: EditorSettings = {
    model: setting('model', parseModel, Object.keys(MODEL_SETTING_VALUES).map((name) => `"${name}"`).join(', ')),
    sessionModel: setting('sessionModel', parseSessionModel, Object.keys(SESSION_MODEL_SETTING_VALUES).map((name) => `"${name}"`).join(', ')),
    contamination: setting('contamination', parseContaminationSetting, '"auto" or a fraction in (0, 0.5] such as "0.05"'),
    sessionKey: setting('sessionKey', engineText((option) => resolveSessionKey(option, [])), '"auto", "none" or a regular expression that captures the session id'),
    format: setting('format', engineText((option) => resolveFormat(option, [])), '"auto", a format name or a regular expression with named groups'),
    seed: setting('seed', (raw) => integerIn(raw, 0, Number.MAX_SAFE_INTEGER), 'a non-negative integer'),
    maxDiagnostics: setting('maxDiagnostics', (raw) => integerIn(raw, 0, MAX_DIAGNOSTICS_CAP), `an integer from 0 to ${MAX_DIAGNOSTICS_CAP}`),
    minimumScore: setting('minimumScore', (raw) => numberIn(raw, 0, 1), 'a number from 0 to 1'),
    rerunOnSave: setting('rerunOnSave', boolean, 'true or false'),
    openDashboardAfterRun: setting('openDashboardAfterRun', boolean, 'true or false'),
  };
  return { settings, problems };
}

function parseModel(raw: unknown): ModelName {
  if (typeof raw !== 'string' || !Object.hasOwn(MODEL_SETTING_VALUES, raw)) throw new TypeError('unknown model');
  return MODEL_SETTING_VALUES[raw];
}

function parseSessionModel(raw: unknown): SessionModelName {
  if (typeof raw !== 'string' || !Object.hasOwn(SESSION_MODEL_SETTING_VALUES, raw)) throw new TypeError('unknown session model');
  return SESSION_MODEL_SETTING_VALUES[raw];
}

function parseContaminationSetting(raw: unknown): Contamination {
  if (typeof raw === 'number') return parseContamination(String(raw));
  if (typeof raw !== 'string') throw new TypeError('not text');
  return parseContamination(raw);
}

/** A parser for a text option the engine resolves: trimmed, not empty, and accepted by `resolve` (which throws a RangeError saying what is wrong). */
function engineText(resolve: (option: string) => unknown): (raw: unknown) => string {
  return (raw) => {
    if (typeof raw !== 'string' || raw.trim().length === 0) throw new TypeError('not text');
    const option = raw.trim();
    resolve(option);
    return option;
  };
}

function integerIn(raw: unknown, min: number, max: number): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) throw new TypeError('out of range');
  return raw;
}

function numberIn(raw: unknown, min: number, max: number): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min || raw > max) throw new TypeError('out of range');
  return raw;
}

function boolean(raw: unknown): boolean {
  if (typeof raw !== 'boolean') throw new TypeError('not a boolean');
  return raw;
}

/** A default as the user would write it in settings.json. */
function showDefault(key: keyof EditorSettings, value: unknown): string {
  const names = key === 'model' ? MODEL_SETTING_VALUES : key === 'sessionModel' ? SESSION_MODEL_SETTING_VALUES : null;
  const shown = names ? Object.keys(names).find((name) => names[name] === value) : value;
  return typeof shown === 'string' ? `"${shown}"` : String(shown);
}
