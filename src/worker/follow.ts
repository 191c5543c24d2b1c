/**
 * A followed log, in the worker: the file scored through its last complete line, then each batch
 * of appended complete lines scored against what that run fitted and sent to the host to append.
 * When the log has outgrown its models (it doubled, new templates passed a share of it, or its time
 * ran far past the timeline) it is scored again from its start, and the host swaps the report in
 * one step. A truncated or replaced file starts over. Nothing runs while the file does not change.
 */
import { basename } from 'node:path';
import { analyzeAndFit, type AnalysisReport, type ArrivedLines, type BaselineModel, LiveScorer, trainBaseline } from '../analysis';
import { fileSystemProblem, openLog, unfollowableReason } from '../node/files';
import { FileFollower } from '../node/logFollower';
import { threadLanes } from '../node/parsingThread';
import { patternGuard, SETTING_PATTERN_NAMES } from '../node/patternGuard';
import type { FollowRequest, FollowStart, WorkerToHost } from '../protocol';
import { failureOf, InputError, openBaseline, ownBuffers, transferables } from './inputs';

/** Lines of a new template, as a share of the lines the models learnt from, that make them stale. */
const STALE_NEW_SHARE = 0.02;
const STALE_NEW_MIN = 20;
/** Timeline buckets past which arrived times make the timeline stale. */
const STALE_BUCKETS = 240;

type Post = (message: WorkerToHost, transfer?: ArrayBuffer[]) => void;

export async function followLog(request: FollowRequest, post: Post): Promise<void> {
  const { runId, path } = request;
  const hooks = { lanes: threadLanes(__dirname, SETTING_PATTERN_NAMES) ?? undefined, vetSetup: patternGuard(SETTING_PATTERN_NAMES) };
  const fail = (error: unknown): void => post(failureOf(error, runId, { kind: 'file', path }, request.baseline));
  let baseline: BaselineModel | null;
  try {
    baseline = await fittedBaseline(request, hooks);
  } catch (error) {
    fail(error);
    return;
  }
  let scorer: LiveScorer | null = null;
  let staleness = new Staleness(null);
  let inode = 0;
  /** Why the next start happens, when the file had no complete line at the last one. */
  let waiting: FollowStart = 'first';

  /** Scores the file through its last complete line; answers where following goes on from. */
  const start = async (why: FollowStart): Promise<number> => {
    const log = await openLog(path, { completeLines: true });
    try {
      const unfollowable = unfollowableReason(log.encoding, basename(path), 'Follow');
      if (unfollowable !== null) throw new InputError(unfollowable);
      inode = log.stamp.ino;
      // Nothing to learn from yet (a new log, or one truncated to nothing): following waits for its first complete line.
      if (log.readBytes === 0) {
        scorer = null;
        waiting = why;
        return 0;
      }
      const { report, fitted } = await analyzeAndFit(log.source, request.options, hooks, baseline);
      scorer = new LiveScorer(fitted, report.threshold, request.options, report.lines.count, baseline !== null);
      staleness = new Staleness(report);
      post({ type: 'followed', runId, why, report, stamp: log.stamp }, transferables(report));
      return log.readBytes;
    } finally {
      await log.close();
    }
  };

  let offset: number;
  try {
    offset = await start('first');
  } catch (error) {
    fail(error);
    return;
  }
  const follower = new FileFollower(path, offset, inode, {
    lines: async (bytes, at) => {
      if (scorer === null) return start(waiting);
      const arrived = await scorer.scoreLines(bytes, at);
      // Counted before its buffers move to the host.
      const stale = staleness.after(arrived);
      post({ type: 'arrived', runId, arrived }, ownBuffers([arrived.starts, arrived.lineVectors, arrived.entryFirstLines, arrived.entryTimes, arrived.entryLevels]));
      return stale ? start('refit') : undefined;
    },
    restart: (reason) => start(reason),
    // Reading the file failed (removed, unreadable), or scoring what arrived did: the engine's errors say so themselves.
    failed: (error) => {
      void follower.stop();
      // A system call's error (Node's carry `syscall`); the engine's AnalysisError has a `code` of its own.
      const fromFileSystem = (error as NodeJS.ErrnoException).syscall !== undefined;
      fail(fromFileSystem ? new InputError(`Stopped following ${basename(path)}: ${fileSystemProblem(error)}.`) : error);
    },
  });
  follower.start();
}

async function fittedBaseline(request: FollowRequest, hooks: Parameters<typeof trainBaseline>[2]): Promise<BaselineModel | null> {
  if (request.baseline === null) return null;
  const opened = await openBaseline(request.baseline);
  try {
    return 'chunks' in opened.source ? await trainBaseline(opened.source, request.options, hooks) : opened.source;
  } finally {
    await opened.file?.close();
  }
}

/** Whether the models a run fitted still describe the log, as lines arrive. */
class Staleness {
  private arrivedLines = 0;
  private newEntries = 0;
  private readonly fitLines: number;
  private readonly timeLimit: number;

  constructor(report: AnalysisReport | null) {
    this.fitLines = report?.lines.count ?? 0;
    const timeline = report?.timeline;
    this.timeLimit = timeline?.kind === 'time' ? timeline.start + timeline.bucketSize * Math.max(STALE_BUCKETS, 2 * timeline.lines.length) : Infinity;
  }

  /** Counts a batch in; true when the models are stale after it. */
  after(arrived: ArrivedLines): boolean {
    this.arrivedLines += arrived.lineVectors.length;
    let late = false;
    for (let e = 0; e < arrived.entryFirstLines.length; e++) {
      const template = arrived.vectors.templateIds[arrived.lineVectors[arrived.entryFirstLines[e]]];
      if (arrived.isNew[template] === 1) this.newEntries++;
      if (arrived.entryTimes[e] > this.timeLimit) late = true;
    }
    return late || this.arrivedLines >= this.fitLines || this.newEntries >= Math.max(STALE_NEW_MIN, STALE_NEW_SHARE * this.fitLines);
  }
}
