import assert from 'node:assert/strict';
import { Level, type LogFormat, type ParsedLine, statedTime } from '../../../src/analysis';


/** Parses into an object holding leftovers of another line, so a field the format forgets to write shows up. */
export function parse(format: LogFormat, line: string): ParsedLine | null {
  const out: ParsedLine = { timestamp: -1, level: Level.fatal, component: 'stale', message: 'stale', messageStart: -1, timestampStart: -1 };
  return format.parse(line, out) ? out : null;
}

/**
 * Checks the fields; where the format says where the message starts, the line holds it there as it is, and
 * where it says where the timestamp is, the time read from there is the time found by looking for it.
 */
export function assertParsed(format: LogFormat, line: string, expected: ParsedLine): void {
  const got = parse(format, line);
  assert.ok(got !== null, `${format.name} should accept ${JSON.stringify(line)}`);
  const { messageStart = -1, timestampStart = -1, timestampEnd = -1, ...fields } = got;
  assert.deepEqual(fields, expected, line);
  if (messageStart >= 0) assert.equal(line.slice(messageStart, messageStart + got.message.length), got.message, `messageStart of ${line}`);
  if (timestampStart >= 0) {
    assert.ok(timestampStart < timestampEnd && timestampEnd <= line.length, `the timestamp of ${line} is at [${timestampStart}, ${timestampEnd})`);
    assert.equal(statedTime(line, got.timestamp, timestampStart, timestampEnd), statedTime(line, got.timestamp), `the time written at [${timestampStart}, ${timestampEnd}) of ${line}`);
  }
}

export function assertContinuation(format: LogFormat, line: string): void {
  assert.equal(parse(format, line), null, `${format.name} should take ${JSON.stringify(line)} for a continuation`);
}

export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
