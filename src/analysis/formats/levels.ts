/**
 * Severity levels, ordered so that a larger number is more severe, and the one table that maps what logs
 * write onto them: words (log4j, syslog, Windows, java.util.logging, Python, PostgreSQL, MySQL...), single
 * letters (glog, logcat: only where a level column says so) and numeric schemes (syslog priorities,
 * bunyan/pino, OpenTelemetry severity numbers).
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
  ['trace', Level.trace], ['trc', Level.trace], ['finest', Level.trace], ['finer', Level.trace], ['verbose', Level.trace],
  ['debug', Level.debug], ['dbg', Level.debug], ['fine', Level.debug],
  ['debug1', Level.debug], ['debug2', Level.debug], ['debug3', Level.debug], ['debug4', Level.debug], ['debug5', Level.debug],
  ['info', Level.info], ['inf', Level.info], ['information', Level.info], ['informational', Level.info], ['config', Level.info],
  ['log', Level.info], ['detail', Level.info], ['hint', Level.info], ['statement', Level.info], ['stats', Level.info],
  ['notice', Level.notice], ['note', Level.notice],
  ['warn', Level.warning], ['warning', Level.warning], ['wrn', Level.warning],
  ['error', Level.error], ['err', Level.error], ['eror', Level.error], ['severe', Level.error], ['failure', Level.error],
  ['fatal', Level.fatal], ['ftl', Level.fatal], ['crit', Level.fatal], ['critical', Level.fatal], ['alert', Level.fatal],
  ['emerg', Level.fatal], ['emergency', Level.fatal], ['panic', Level.fatal],
]);

/** Maps a level word as written in a log (any case) to a Level; unknown words give Level.unknown. */
export function levelFromWord(word: string): Level {
  return LEVEL_WORDS.get(word.toLowerCase()) ?? Level.unknown;
}

/** glog, logcat and similar one-letter levels (V/D/I/W/E/F, plus T, N, C, A); only meaningful in a level column. */
export function levelFromLetter(code: number): Level {
  switch (code | 32) {
    case 118: // v
    case 116: // t
      return Level.trace;
    case 100: // d
      return Level.debug;
    case 105: // i
      return Level.info;
    case 110: // n
      return Level.notice;
    case 119: // w
      return Level.warning;
    case 101: // e
      return Level.error;
    case 102: // f
    case 99: // c
    case 97: // a (logcat's assert)
      return Level.fatal;
    default:
      return Level.unknown;
  }
}

/** A syslog `<PRI>`: its severity is PRI mod 8 (0 emerg .. 7 debug). */
export function levelFromSyslogPriority(priority: number): Level {
  const severity = priority % 8;
  if (severity <= 2) return Level.fatal;
  if (severity === 3) return Level.error;
  if (severity === 4) return Level.warning;
  if (severity === 5) return Level.notice;
  return severity === 6 ? Level.info : Level.debug;
}

/** bunyan / pino numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function levelFromBunyan(value: number): Level {
  if (value >= 60) return Level.fatal;
  if (value >= 50) return Level.error;
  if (value >= 40) return Level.warning;
  if (value >= 30) return Level.info;
  if (value >= 20) return Level.debug;
  return value >= 10 ? Level.trace : Level.unknown;
}

/** OpenTelemetry severity numbers: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
export function levelFromSeverityNumber(value: number): Level {
  if (value < 1 || value > 24) return Level.unknown;
  return [Level.trace, Level.debug, Level.info, Level.warning, Level.error, Level.fatal][Math.floor((value - 1) / 4)];
}
