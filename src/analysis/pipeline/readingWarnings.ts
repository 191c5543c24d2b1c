/**
 * Runs that end without an error but whose answer would mislead without a word: a baseline with no
 * lines, a log that mostly does not read in the format chosen for it (a user's expression, or a
 * baseline's format), a user's session key that matched nothing. Each warning is one sentence.
 */
import type { CollectedLog } from '../reading/collect';
import { entryOfWalkedLine, nextLineEntry } from '../reading/entryLines';
import { isCustomSessionKeyOption } from '../sessions/sessionKeys';
import type { AnalysisOptions } from './options';

/** What the warnings need of a baseline (kept in a saved baseline model too). */
export interface BaselineSummary {
  readonly lines: number;
  readonly entries: number;
  /** Entries per non-blank line, or null for a baseline too short to tell. */
  readonly entryShare: number | null;
}

/** A user's format that reads fewer of the non-blank lines as entries than this is reported. */
const MIN_ENTRY_SHARE = 0.1;
/** A log whose entry share is below this fraction of its baseline's was read in another kind of log's format. */
const BASELINE_SHARE_RATIO = 0.25;
/** Too few lines say nothing about a format. */
const MIN_LINES = 20;

export function readingWarnings(log: CollectedLog, baseline: BaselineSummary | null, options: AnalysisOptions, sessions: number): string[] {
  const warnings: string[] = [];
  if (baseline !== null && baseline.entries === 0) {
    warnings.push('The baseline has no log lines, so every pattern of the log counts as new; choose a baseline with lines.');
  }
  const share = entryShare(log);
  const customFormat = log.reading.format === 'custom';
  if (share !== null && customFormat && share < MIN_ENTRY_SHARE) {
    warnings.push(`The format expression matches only ${percentOf(share)} of the log's lines (the others were read as continuations of the entry above them); check that it fits this log.`);
  } else if (share !== null && baseline !== null && baseline.entries > 0) {
    const baselineShare = baseline.entryShare;
    if (baselineShare !== null && share < baselineShare * BASELINE_SHARE_RATIO) {
      warnings.push(
        `Only ${percentOf(share)} of the log's lines read as entries in the baseline's format (${log.reading.format}), against ${percentOf(baselineShare)} of the baseline's: the baseline looks like a different kind of log.`,
      );
    }
  }
  if (isCustomSessionKeyOption(options.sessionKey) && sessions === 0 && log.entryCount > 0) warnings.push('The session key expression matched no line, so no sessions were scored.');
  return warnings;
}

/** Entries per non-blank line, or null for a log too short to tell. */
export function entryShare(log: CollectedLog): number | null {
  let nonBlank = 0;
  for (let line = 0, walked = -1; line < log.lineCount; line++) {
    walked = nextLineEntry(log, line, walked);
    if (entryOfWalkedLine(log, line, walked) >= 0) nonBlank++;
  }
  return nonBlank < MIN_LINES ? null : log.entryCount / nonBlank;
}

function percentOf(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
