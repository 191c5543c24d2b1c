import assert from 'node:assert/strict';
import { TemplateMiner } from '../../../src/analysis/mining/drain';
import type { ClusterMiner } from '../../../src/analysis/mining/templates';
import { collectLog, sessionCountOf } from '../../../src/analysis/reading/collect';
import { firstLineOf } from '../../../src/analysis/reading/entryLines';
import { textSource } from '../../../src/analysis';

const readingOptions = { format: 'auto', sessionKey: 'req-(\\d+)', maxLineBytes: 10_000 };
const hooks = { onBytes: () => undefined, isCancelled: () => false };

describe('collecting a log', () => {
  it('grows the sessions entries name ahead of them, as HDFS names more per line along the log: no doubled column, no copy at the end', async () => {
    // One session a line in the first half, one or two in the second (1.25 a line over the log):
    // several 1 MB chunks, so that the column grows while the log is read.
    const lines: string[] = [];
    const named: string[][] = [];
    for (let i = 0; i < 40_000; i++) {
      const ids = i < 20_000 || i % 2 === 0 ? [`req-${i % 997}`] : [`req-${i % 997}`, `req-${(i + 1) % 997}`];
      lines.push(`2024-03-01 12:00:${String(i % 60).padStart(2, '0')},000 INFO [main] Worker: done ${ids.join(' ')} in ${i % 89} ms`);
      named.push(ids);
    }
    const source = textSource(lines.join('\n') + '\n');
    const log = await collectLog(source.chunks(), source.size, readingOptions, null, new TemplateMiner(), hooks);

    const pairs = named.reduce((sum, ids) => sum + ids.length, 0);
    assert.equal(log.pairSessions.length, pairs);
    // A view of the column as read (not a copy made to fit it), with less than twice the room it needed.
    assert.ok(log.pairSessions.buffer.byteLength > log.pairSessions.byteLength, 'the pairs are not copied at the end');
    assert.ok(log.pairSessions.buffer.byteLength < 2 * log.pairSessions.byteLength, `${log.pairSessions.buffer.byteLength} bytes for ${pairs} pairs`);
    for (let e = 0, pair = 0; e < log.entryCount; e++) {
      const count = sessionCountOf(log, e);
      const names = Array.from(log.pairSessions.subarray(pair, pair + count), (session) => `req-${log.sessionNames[session]}`);
      assert.deepEqual(names, named[e], `entry ${e}`);
      pair += count;
    }
  });

  it('keeps cluster ids in 2 bytes an entry, and in 4 from the first cluster past 65,535 on, every id as mined', async () => {
    // A miner with a cluster for every distinct message, and messages that all differ (words of letters, never masked).
    const clusterOf = new Map<string, number>();
    const miner: ClusterMiner = {
      add: (message) => clusterOf.get(message) ?? clusterOf.set(message, clusterOf.size).size - 1,
      snapshot: () => assert.fail('not snapshotted while reading'),
    };
    const letters = 'ghijklmnopqrstuvwxyz';
    const word = (n: number): string => Array.from({ length: 4 }, (_, i) => letters[Math.floor(n / letters.length ** i) % letters.length]).join('');
    const lines = Array.from({ length: 70_000 }, (_, i) => `2024-03-01 12:00:00,000 INFO [main] Worker: step ${word(i)}`);
    const few = await collectLog(textSource(lines.slice(0, 1000).join('\n')).chunks(), null, readingOptions, null, miner, hooks);
    assert.ok(few.entryClusters instanceof Uint16Array, few.entryClusters.constructor.name);

    clusterOf.clear();
    const source = textSource(lines.join('\n') + '\n');
    const many = await collectLog(source.chunks(), source.size, readingOptions, null, miner, hooks);
    assert.ok(many.entryClusters instanceof Int32Array, many.entryClusters.constructor.name);
    assert.equal(many.entryCount, lines.length);
    for (let e = 0; e < many.entryCount; e++) if (many.entryClusters[e] !== e) assert.fail(`entry ${e} has cluster ${many.entryClusters[e]}`);
  });

  it('keeps no first lines of entries while every line is an entry, and makes them from the first line that is not on', async () => {
    const entryLine = (i: number): string => `2024-03-01 12:00:${String(i % 60).padStart(2, '0')},000 INFO [main] Worker: done req-${i % 997} in ${i % 89} ms`;
    const entriesOnly = Array.from({ length: 30_000 }, (_, i) => entryLine(i));
    const source = textSource(entriesOnly.join('\n') + '\n');
    const identity = await collectLog(source.chunks(), source.size, readingOptions, null, new TemplateMiner(), hooks);
    assert.equal(identity.entryCount, entriesOnly.length);
    // Entry e is line e: no table says so.
    assert.equal(identity.entryFirstLine, null);
    for (let e = 0; e < identity.entryCount; e++) if (firstLineOf(identity, e) !== e) assert.fail(`entry ${e} starts on line ${firstLineOf(identity, e)}`);

    // Past the first 1 MB chunk, a stack trace and a blank line.
    const lines = [...entriesOnly.slice(0, 20_000), '\tat com.example.X.run(X.java:1)', '', ...entriesOnly.slice(20_000)];
    const mixed = await collectLog(textSource(lines.join('\n') + '\n').chunks(), null, readingOptions, null, new TemplateMiner(), hooks);
    assert.equal(mixed.entryCount, entriesOnly.length);
    for (let e = 0; e < mixed.entryCount; e++) {
      const line = e < 20_000 ? e : e + 2;
      if (firstLineOf(mixed, e) !== line) assert.fail(`entry ${e} starts on line ${firstLineOf(mixed, e)}, not ${line}`);
    }
  });
});
