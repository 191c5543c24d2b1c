/**
 * Severity levels, ordered so that a larger number is more severe. Formats map their own level
 * words (BGL's FAILURE, syslog's crit, log4j's WARN...) onto these.
 */
export const Level = {
  unknown: 0,
  trace: 1,
  debug: 2,
  info: 3,
  notice: 4,
  warning: 5,
  error: 6,
  fatal: 7,
} as const;

export type Level = (typeof Level)[keyof typeof Level];

export const LEVEL_NAMES: readonly string[] = ['', 'TRACE', 'DEBUG', 'INFO', 'NOTICE', 'WARN', 'ERROR', 'FATAL'];

const LEVEL_WORDS: ReadonlyMap<string, Level> = new Map<string, Level>([
  ['trace', Level.trace], ['finest', Level.trace], ['finer', Level.trace], ['verbose', Level.trace],
  ['debug', Level.debug], ['fine', Level.debug], ['dbg', Level.debug],
  ['info', Level.info], ['information', Level.info], ['informational', Level.info], ['config', Level.info],
  ['notice', Level.notice],
  ['warn', Level.warning], ['warning', Level.warning], ['wrn', Level.warning],
  ['error', Level.error], ['err', Level.error], ['severe', Level.error], ['failure', Level.error],
  ['fatal', Level.fatal], ['crit', Level.fatal], ['critical', Level.fatal], ['alert', Level.fatal],
  ['emerg', Level.fatal], ['emergency', Level.fatal], ['panic', Level.fatal],
]);

/** Maps a level word as written in a log (any case) to a Level; unknown words give Level.unknown. */
export function levelFromWord(word: string): Level {
  return LEVEL_WORDS.get(word.toLowerCase()) ?? Level.unknown;
}
