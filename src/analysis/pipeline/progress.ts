/** Progress reporting, cooperative cancellation, where parsing runs, and the engine's typed errors. */
import type { LaneFactory, ReadingSetup } from '../reading/chunkParser';

export type Stage = 'reading' | 'features' | 'sessions' | 'training' | 'scoring' | 'explaining';

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  reading: 'Reading and mining templates',
  features: 'Building features',
  sessions: 'Grouping sessions',
  training: 'Training the model',
  scoring: 'Scoring',
  explaining: 'Explaining anomalies',
};

export interface Progress {
  readonly stage: Stage;
  /** Overall fraction done, 0..1, never decreasing within a run. */
  readonly fraction: number;
}

export interface AnalysisHooks {
  /** Where the lanes that parse lines run (threads, say); in turn on the calling thread when absent. */
  lanes?: LaneFactory;
  /**
   * Sees each log's reading setup (format, session key, first lines) before anything is parsed
   * with it, and throws to stop the run: a host checks the user's regular expressions there
   * under a time budget (see reading/chunkParser trialRead).
   */
  vetSetup?(setup: ReadingSetup): void;
  onProgress?(progress: Progress): void;
  /** Polled every few milliseconds of work; returning true stops the run with a CancelledError. */
  isCancelled?(): boolean;
  /** Milliseconds from an arbitrary origin, for the timings in the report. */
  now?(): number;
  /** Bytes the host holds (a resident set size), read as each stage ends for the report's stageBytes. */
  memoryBytes?(): number;
}

/**
 * Throws CancelledError when the run was cancelled. Loops over lines, entries or sessions call it
 * every CHECK_EVERY + 1 iterations (`(i & CHECK_EVERY) === 0`): a few milliseconds of work.
 */
export type Checkpoint = () => void;
export const CHECK_EVERY = 0xffff;
export const noCheckpoint: Checkpoint = () => undefined;

export type AnalysisErrorCode = 'binary' | 'invalidOption' | 'invalidInput';

/** A problem with the input or the options, worded for the user: adapters show `message` as is. */
export class AnalysisError extends Error {
  /** @param log which log the problem is in, when it is in one (a binary baseline, say) */
  constructor(readonly code: AnalysisErrorCode, message: string, readonly log: 'log' | 'baseline' | null = null) {
    super(message);
    this.name = 'AnalysisError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'CancelledError';
  }
}

/** Where each stage ends on the overall progress scale. */
const STAGE_END: Readonly<Record<Stage, number>> = {
  reading: 0.85,
  features: 0.88,
  training: 0.91,
  scoring: 0.93,
  sessions: 0.97,
  explaining: 1,
};

/** One run's progress through its stages: the fraction reported, cancellation checks, each stage's time and the memory held at its end. */
export class ProgressTracker {
  private last = -1;
  private stageStart = 0;
  private readonly started: number;
  private stageStarted: number;
  readonly stageMs: Partial<Record<Stage, number>> = {};
  readonly stageBytes: Partial<Record<Stage, number>> = {};

  constructor(private readonly hooks: AnalysisHooks, private readonly now: () => number) {
    this.started = now();
    this.stageStarted = this.started;
  }

  checkCancelled(): void {
    if (this.hooks.isCancelled?.()) throw new CancelledError();
  }

  /** Reports `fraction` of the way through `stage`. */
  report(stage: Stage, fraction: number): void {
    const end = STAGE_END[stage];
    const overall = this.stageStart + (end - this.stageStart) * Math.min(1, Math.max(0, fraction));
    // Report in steps of at least half a percent, so a fast pass does not flood the channel.
    if (overall - this.last >= 0.005 || (overall === 1 && this.last < 1)) {
      this.last = overall;
      this.hooks.onProgress?.({ stage, fraction: overall });
    }
  }

  /** Closes `stage`, recording its time. */
  finish(stage: Stage): void {
    this.checkCancelled();
    const time = this.now();
    this.stageMs[stage] = (this.stageMs[stage] ?? 0) + (time - this.stageStarted);
    const bytes = this.hooks.memoryBytes?.();
    if (bytes !== undefined) this.stageBytes[stage] = Math.max(this.stageBytes[stage] ?? 0, bytes);
    this.stageStarted = time;
    this.stageStart = STAGE_END[stage];
    this.report(stage, 1);
  }

  /** Milliseconds since the run started. */
  elapsedMs(): number {
    return this.now() - this.started;
  }
}
