/**
 * `log-anomaly detect FILE --follow`: scores what the log holds (its summary on stderr), then prints
 * each anomaly of the lines appended to it, as they arrive, scored against what the first run
 * fitted (or the baseline): one per line on stdout, JSON Lines with --json. `-` follows standard
 * input. A truncated or replaced file starts over, with a one-line message. SIGINT or SIGTERM ends
 * it with exit code 0 and a summary of what arrived on stderr.
 */
import {
  AnalysisError,
  analyzeAndFit,
  bytesSource,
  decodeLine,
  entryLineOf,
  formatScore,
  groupDigits,
  LiveScorer,
  plural,
  trainBaseline,
  type AnalysisReport,
  type BaselineModel,
  type LiveAnomaly,
  type LogSource,
} from '../analysis';
import { fileSystemProblem, unfollowableReason } from '../node/files';
import { FileFollower, LineBuffer } from '../node/logFollower';
import { readingHooks } from './readingHooks';
import type { CliCommand } from './args';
import { openBaselineFile, openLogFile } from './openFiles';
import { clipTo, cliResult, formatSummary, terminalSafe, terminalSafeJson } from './output';
import { sentence, UserError } from './userError';

/** Standard input's first part (what it holds before it goes quiet this long) is what the models learn from. */
const STDIN_QUIET_MS = 1000;
/** ...or this much of it, when it never goes quiet. */
const STDIN_FIRST_BYTES = 64 << 20;

/** A run's start: its report and what it scores arriving lines with. */
interface Scored {
  readonly report: AnalysisReport;
  readonly fitted: BaselineModel;
}

export async function follow(command: CliCommand, path: string | null): Promise<void> {
  const opened = command.baseline === null ? null : await openBaselineFile(command.baseline);
  const baseline = opened !== null && 'source' in opened ? opened.source : opened;
  const session = new FollowSession(command, baseline !== null);
  // A baseline log is fitted once: starting over (truncation, rotation) scores the log against the same fit.
  let trained: BaselineModel | null = null;
  const score = async (log: LogSource): Promise<Scored> => {
    const hooks = readingHooks(command);
    try {
      const fitted = baseline === null || !('chunks' in baseline) ? baseline : (trained ??= await trainBaseline(baseline, command.options, hooks));
      return await analyzeAndFit(log, command.options, hooks, fitted);
    } catch (error) {
      if (error instanceof AnalysisError) throw new UserError(error.message);
      throw error;
    }
  };
  const ended = new Promise<void>((resolve) => {
    const end = (): void => resolve();
    process.once('SIGINT', end);
    process.once('SIGTERM', end);
  });
  try {
    if (path === null) await followStream(session, score, ended);
    else await followFile(session, path, score, ended);
  } finally {
    if (opened !== null && 'close' in opened) await opened.close();
  }
  process.stderr.write(`${terminalSafe(session.summary())}\n`);
}

/** What a follow prints, and counts for its summary. */
class FollowSession {
  private scorer: LiveScorer | null = null;
  private arrived = 0;
  private anomalies = 0;
  private readonly newTemplates = new Set<number>();

  constructor(
    private readonly command: CliCommand,
    private readonly againstBaseline: boolean,
  ) {}

  /**
   * Starts (or starts over) from a run over the log's first `lines` lines; prints the run's summary on stderr.
   * `texts`: of the run's top anomalies; `entryTexts`: of their entries' first lines.
   */
  begin({ report, fitted }: Scored, texts: readonly string[], entryTexts: readonly string[], lines: number): void {
    const result = cliResult(report, this.command.file, this.command.baseline, this.command.top, texts, entryTexts);
    process.stderr.write(formatSummary(result, process.stderr.columns ?? 120));
    process.stderr.write(terminalSafe(`Following ${this.command.file}: anomalies of the lines that arrive go to stdout (Ctrl+C to stop).`) + '\n');
    // Without a line to choose a threshold from (a log emptied by truncation, say) it waits for lines and starts again.
    this.scorer = report.stats.entries > 0 ? new LiveScorer(fitted, report.threshold, this.command.options, lines, this.againstBaseline) : null;
  }

  /** How many of a run's anomalies its summary lists. */
  get top(): number {
    return this.command.top;
  }

  /** Whether there is a model to score with (a log without lines waits for some). */
  get ready(): boolean {
    return this.scorer !== null;
  }

  async score(bytes: Uint8Array): Promise<void> {
    if (this.scorer === null) return;
    const batch = await this.scorer.scoreBytes(bytes);
    this.arrived += batch.lines;
    let out = '';
    for (const anomaly of batch.anomalies) {
      this.anomalies++;
      if (anomaly.isNew) this.newTemplates.add(anomaly.templateId);
      out += this.command.json ? `${terminalSafeJson(jsonRecord(anomaly), 0)}\n` : textRecord(anomaly, process.stdout.columns ?? 120);
    }
    if (out.length > 0) process.stdout.write(out);
  }

  summary(): string {
    const news = this.newTemplates.size > 0 ? `, ${plural(this.newTemplates.size, 'new template')}` : '';
    return `Followed ${this.command.file}: ${plural(this.arrived, 'line')} arrived, ${plural(this.anomalies, 'anomalous line')}${news}.`;
  }
}

function jsonRecord(anomaly: LiveAnomaly): object {
  const { line, score, level, time, component, entry, template, isNew, reasons, text } = anomaly;
  return { line, score, level, time, component, entry, template, new: isNew, reasons, text };
}

function textRecord(anomaly: LiveAnomaly, columns: number): string {
  const head = `line ${groupDigits(anomaly.line)}  score ${formatScore(anomaly.score, 'table')}${anomaly.isNew ? '  NEW' : ''}  `;
  return `${head}${clipTo(terminalSafe(anomaly.reasons[0] ?? ''), columns - head.length)}\n    ${clipTo(terminalSafe(anomaly.text), columns - 4)}\n`;
}

type ScoreLog = (log: LogSource) => Promise<Scored>;

async function followFile(session: FollowSession, path: string, score: ScoreLog, ended: Promise<void>): Promise<void> {
  /** Scores the file as it is now; answers where following goes on from. */
  const start = async (): Promise<{ offset: number; inode: number }> => {
    // A last line still without its line break is left for the follower, which scores it once complete.
    const log = await openLogFile(path, path, { completeLines: true });
    try {
      const unfollowable = unfollowableReason(log.encoding, path, '--follow');
      if (unfollowable !== null) throw new UserError(unfollowable);
      const scored = await score(log.source);
      const { report } = scored;
      const top = report.anomalies.subarray(0, session.top);
      const entries = Int32Array.from(top, (line) => entryLineOf(report.lines, line));
      session.begin(scored, await log.readLines(report.lines.starts, top), await log.readLines(report.lines.starts, entries), report.lines.count);
      return { offset: log.readBytes, inode: log.stamp.ino };
    } finally {
      await log.close();
    }
  };
  const first = await start();
  let failure: Error | null = null;
  let stop: () => void = () => undefined;
  const failed = new Promise<void>((resolve) => (stop = resolve));
  const follower = new FileFollower(path, first.offset, first.inode, {
    lines: async (bytes) => {
      if (session.ready) {
        await session.score(bytes);
        return undefined;
      }
      // Nothing to learn from until now: the log is scored anew, with these lines.
      return (await start()).offset;
    },
    restart: async (reason) => {
      process.stderr.write(`${terminalSafe(`${path} was ${reason === 'truncated' ? 'truncated' : 'replaced (rotated)'}: starting over.`)}\n`);
      return (await start()).offset;
    },
    failed: (error) => {
      failure = error;
      stop();
    },
  });
  follower.start();
  await Promise.race([ended, failed]);
  await follower.stop();
  if (failure !== null) throw new UserError(sentence(`Stopped following ${path}: ${fileSystemProblem(failure)}`));
}

/** Standard input: its first part scored, then what arrives, to its end or a signal. */
async function followStream(session: FollowSession, score: ScoreLog, ended: Promise<void>): Promise<void> {
  const input = process.stdin;
  const buffer = new LineBuffer();
  const first: Uint8Array[] = [];
  let firstBytes = 0;
  let queue: Promise<void> = Promise.resolve();
  let started = false;
  let quiet: NodeJS.Timeout | undefined;
  let finish: () => void = () => undefined;
  const inputEnded = new Promise<void>((resolve) => (finish = resolve));

  const begin = async (): Promise<void> => {
    const bytes = Buffer.concat(first, firstBytes);
    const scored = await score(bytesSource(bytes));
    const { report } = scored;
    const top = Array.from(report.anomalies.subarray(0, session.top));
    const textOf = (line: number): string => decodeLine(bytes.subarray(report.lines.starts[line], report.lines.starts[line + 1]));
    session.begin(scored, top.map(textOf), top.map((line) => textOf(entryLineOf(report.lines, line))), report.lines.count);
  };
  /** From here on, lines are scored as they arrive, after the first part has been. */
  const startScoring = (): void => {
    if (started) return;
    started = true;
    clearTimeout(quiet);
    queue = queue.then(begin);
  };
  const arrive = (chunk: Buffer): void => {
    const lines = buffer.push(chunk);
    if (lines.length === 0) return;
    if (!started) {
      first.push(Buffer.from(lines));
      firstBytes += lines.length;
      clearTimeout(quiet);
      if (firstBytes >= STDIN_FIRST_BYTES) startScoring();
      else quiet = setTimeout(startScoring, STDIN_QUIET_MS);
      return;
    }
    const copy = Uint8Array.from(lines);
    queue = queue.then(() => session.score(copy));
  };
  input.on('data', arrive);
  input.once('end', () => {
    const rest = buffer.rest();
    if (rest.length > 0) arrive(Buffer.concat([rest, Buffer.from('\n')]));
    startScoring();
    void queue.then(finish);
  });
  await Promise.race([ended, inputEnded]);
  input.off('data', arrive);
  input.pause();
  clearTimeout(quiet);
  await queue;
}
