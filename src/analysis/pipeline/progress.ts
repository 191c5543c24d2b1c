/** Progress reporting, cooperative cancellation, where parsing runs, and the engine's typed errors. */
import type { LaneFactory } from '../reading/chunkParser';

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
  onProgress?(progress: Progress): void;
  /** Polled every few milliseconds of work; returning true stops the run with a CancelledError. */
  isCancelled?(): boolean;
  /** Milliseconds from an arbitrary origin, for the timings in the report. */
  now?(): number;
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
  constructor(readonly code: AnalysisErrorCode, message: string) {
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
