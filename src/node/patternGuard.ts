/**
 * A user's regular expressions (the format and the session key) tried on the log's first lines
 * under a time budget before the real reading. JavaScript regular expressions have no step limit,
 * and one that backtracks without end (`(a+)+$` on a line of a's ending in b) never returns; run in
 * a `vm` context with a timeout, it is stopped and the user is told which option to fix.
 */
import { runInNewContext } from 'node:vm';
import { isCustomFormatOption, isCustomSessionKeyOption, plural, type ReadingSetup, trialRead } from '../analysis';

/** How the options are named where the user set them: `--format` in the CLI, `logAnomaly.format` in the editor. */
export interface PatternNames {
  readonly format: string;
  readonly sessionKey: string;
}

export const CLI_PATTERN_NAMES: PatternNames = { format: '--format', sessionKey: '--session-key' };
export const SETTING_PATTERN_NAMES: PatternNames = { format: 'the logAnomaly.format setting', sessionKey: 'the logAnomaly.sessionKey setting' };

/** Time for the first lines (SAMPLE_LINES of them); ordinary expressions need a few milliseconds. */
const TRIAL_MS = 2000;

/**
 * The analysis hook (AnalysisHooks.vetSetup) that tries the user's expressions on the sample.
 * Throws a RangeError naming the option when one is not a valid expression or is too slow.
 */
export function patternGuard(names: PatternNames, trialMs = TRIAL_MS): (setup: ReadingSetup) => void {
  return (setup) => {
    if (isCustomSessionKeyOption(setup.sessionKey)) {
      try {
        new RegExp(setup.sessionKey, 'g');
      } catch (error) {
        throw new RangeError(`${capitalised(names.sessionKey)} is not a valid regular expression: ${(error as Error).message}.`, { cause: error });
      }
    }
    const parts: ['format' | 'sessionKey', boolean][] = [
      ['format', isCustomFormatOption(setup.format)],
      ['sessionKey', isCustomSessionKeyOption(setup.sessionKey)],
    ];
    for (const [part, custom] of parts) {
      if (!custom) continue;
      try {
        runInNewContext('trial()', { trial: () => trialRead(setup, part) }, { timeout: trialMs });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
        throw new RangeError(
          `${capitalised(names[part])} took over ${trialMs / 1000} s on the log's first ${setup.sample.length === 1 ? 'line' : plural(setup.sample.length, 'line')}: ` +
            'the regular expression backtracks without end on some lines (nested repeats such as (a+)+ do); make it more specific.',
          { cause: error },
        );
      }
    }
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
