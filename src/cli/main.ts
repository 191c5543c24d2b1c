/**
 * `log-anomaly detect FILE` (and `train`, `--follow`): the engine from the command line. Exit codes: 0 done, 2 bad input
 * (missing, unreadable, a folder, binary) or bad options, 1 an unexpected failure.
 */
import { AnalysisError, analyzeLog, type BaselineModel, entryLineOf, SavedModelError } from '../analysis';
import { CompressedLogError } from '../node/compressed';
import { fileSystemProblem, type OpenedLog } from '../node/files';
import { spoolInput, STANDARD_INPUT_NAME } from '../node/standardInput';
import { readingHooks } from './readingHooks';
import { parseCommandLine, USAGE, type CliCommand } from './args';
import { cliResult, formatSummary, terminalSafe, terminalSafeJson } from './output';
import { ProgressBar } from './progressBar';
import { writeOutputDir } from './outputDir';
import { follow } from './follow';
import { openBaselineFile, openLogFile } from './openFiles';
import { train } from './train';
import { sentence, UserError } from './userError';

const EXIT_BAD_INPUT = 2;
/** The FILE that means standard input. */
const STANDARD_INPUT = '-';

/** Runs `command` on its FILE; standard input is read to its end first, except when followed. */
async function runCommand(command: CliCommand): Promise<void> {
  const run = (named: CliCommand, path: string): Promise<void> => (named.kind === 'train' ? train(named, path) : named.follow ? follow(named, path) : detect(named, path));
  if (command.file !== STANDARD_INPUT) return run(command, command.file);
  if (command.follow) return follow({ ...command, file: STANDARD_INPUT_NAME }, null);
  const spooled = await spoolInput();
  try {
    await run({ ...command, file: STANDARD_INPUT_NAME }, spooled.path);
  } finally {
    await spooled.remove();
  }
}

/** Scores the log at `path`, named `command.file` in what is printed. */
async function detect(command: CliCommand, path: string): Promise<void> {
  const log = await openLogFile(path);
  let baseline: OpenedLog | BaselineModel | null = null;
  try {
    baseline = command.baseline === null ? null : await openBaselineFile(command.baseline);
    await detectOpened(command, log, baseline);
  } finally {
    await Promise.all([log.close(), baseline !== null && 'close' in baseline ? baseline.close() : undefined]);
  }
}


async function detectOpened(command: CliCommand, log: OpenedLog, baselineInput: OpenedLog | BaselineModel | null): Promise<void> {
  const bar = new ProgressBar(process.stderr);
  const baseline = baselineInput !== null && 'source' in baselineInput ? baselineInput : null;
  const model = baselineInput !== null && !('source' in baselineInput) ? baselineInput : null;
  let report;
  try {
    report = await analyzeLog({ log: log.source, baseline: baseline?.source ?? model }, command.options, {
      onProgress: (progress) => bar.update(progress),
      ...readingHooks(command),
      memoryBytes: () => process.memoryUsage.rss(),
    });
  } catch (error) {
    if (error instanceof AnalysisError) {
      const subject = error.code === 'binary' ? `${error.log === 'baseline' ? command.baseline : command.file}: ` : '';
      throw new UserError(subject + error.message);
    }
    if (error instanceof CompressedLogError) throw new UserError(error.message);
    throw error;
  } finally {
    bar.clear();
  }
  if (report.stats.lines === 0 || report.stats.entries === 0) {
    const what = report.stats.bytes === 0 ? 'is empty' : 'has no log lines (only blank lines)';
    process.stderr.write(`${terminalSafe(command.file)} ${what}: nothing to analyse.\n`);
  }
  if (command.out !== null) {
    try {
      await writeOutputDir(command.out, report, log.source);
    } catch (error) {
      throw new UserError(sentence(`Cannot write the results to ${command.out}: ${fileSystemProblem(error)}`));
    }
  }
  const top = report.anomalies.subarray(0, command.top);
  const texts = await log.readLines(report.lines.starts, top);
  const entryTexts = await log.readLines(report.lines.starts, Int32Array.from(top, (line) => entryLineOf(report.lines, line)));
  // A file that changed under the run: its results are of the file as it was, or, truncated, of nothing whole.
  const changes = [await log.change(), await baseline?.change()].filter((change) => change !== undefined && change !== null);
  const truncated = changes.find((change) => change.kind === 'truncated');
  if (truncated !== undefined) throw new UserError(truncated.message);
  const result = cliResult(report, command.file, command.baseline, command.top, texts, entryTexts);
  if (command.json) {
    process.stdout.write(`${terminalSafeJson(result)}\n`);
  } else {
    process.stdout.write(formatSummary(result, process.stdout.columns ?? 120));
    if (command.out !== null) process.stdout.write(`\nWrote lines.csv, templates.csv and sessions.csv to ${terminalSafe(command.out)}\n`);
  }
  for (const warning of [...report.stats.warnings, ...changes.map((change) => change.message)]) process.stderr.write(`log-anomaly: warning: ${terminalSafe(warning)}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    await runCommand(parsed.command);
    return 0;
  } catch (error) {
    if (error instanceof UserError || error instanceof RangeError || error instanceof SavedModelError) {
      process.stderr.write(`log-anomaly: ${terminalSafe(error.message)}\n`);
      if (error instanceof RangeError) process.stderr.write('Run "log-anomaly --help" for usage.\n');
      return EXIT_BAD_INPUT;
    }
    // A stack trace helps a bug report, not a user: shown only on request.
    const detail = process.env.LOG_ANOMALY_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set LOG_ANOMALY_DEBUG=1 for details)';
    process.stderr.write(`log-anomaly: unexpected failure: ${terminalSafe((error as Error).message ?? String(error))}${detail}\n`);
    return 1;
  }
}

// Piped into `head` or a pager that quit: stop quietly, as command-line tools do. Any other
// failure to write (a full disk, `> /dev/full`) is one sentence and exit 2.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`log-anomaly: Cannot write the output: ${fileSystemProblem(error)}.\n`);
  process.exit(EXIT_BAD_INPUT);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
