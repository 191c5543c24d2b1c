/** How every CLI command reads a log: its parsing threads (`--threads`, or one per core) and the guard on the user's patterns. */
import type { AnalysisHooks } from '../analysis';
import { threadLanes } from '../node/parsingThread';
import { CLI_PATTERN_NAMES, patternGuard } from '../node/patternGuard';
import type { CliCommand } from './args';

export function readingHooks(command: CliCommand): Pick<AnalysisHooks, 'lanes' | 'vetSetup'> {
  return {
    lanes: threadLanes(__dirname, CLI_PATTERN_NAMES, undefined, command.threads ?? undefined) ?? undefined,
    vetSetup: patternGuard(CLI_PATTERN_NAMES),
  };
}
