import { Level } from './levels';

// Checked from the most severe down, so "warning: write failed" is an error, not a warning.
const FATAL_WORDS = /\b(?:fatal|panic(?:ked)?|emerg(?:ency)?|kernel oops)\b/i;
const ERROR_WORDS =
  /\b(?:errors?|exceptions?|fail(?:s|ed|ure|ures|ing)?|denied|refused|unable|cannot|can't|couldn't|critical|abort(?:s|ed|ing)?|crash(?:ed|es)?|segfault|unreachable)\b/i;
/** Class names such as NullPointerException or OutOfMemoryError, written without a word break. */
const ERROR_CLASS = /[a-z](?:Exception|Error)\b/;
const WARNING_WORDS = /\bwarn(?:s|ing|ings)?\b/i;

/** The level a message implies when its format has no level field (syslog, custom regex without one, ...). */
export function inferLevel(message: string): Level {
  if (FATAL_WORDS.test(message)) return Level.fatal;
  if (ERROR_WORDS.test(message) || ERROR_CLASS.test(message)) return Level.error;
  if (WARNING_WORDS.test(message)) return Level.warning;
  return Level.unknown;
}
