import assert from 'node:assert/strict';
import { analyzeLog, resolveOptions, textSource } from '../../../src/analysis';
import { assembleReport } from '../../../src/analysis/pipeline/assembleReport';
import { ProgressTracker } from '../../../src/analysis/pipeline/progress';
import { readLogs } from '../../../src/analysis/pipeline/readLogs';
import { scoreLines } from '../../../src/analysis/pipeline/scoreLines';
import { scoreSessions } from '../../../src/analysis/pipeline/scoreSessions';
import { buildLineVectors, lineVectorIdsOf, templateStats } from '../../../src/analysis/features/lineFeatures';
import type { ClusterMiner } from '../../../src/analysis/mining/templates';
import { clustersToTemplates, collectLog } from '../../../src/analysis/reading/collect';
import { hdfsLog } from './syntheticLogs';

// The per-line arrays are what an 11M-line log's memory is made of: each takes the narrowest
// element that holds its values (see src/analysis/pipeline/README.md for the budget).
describe('per-line memory', () => {
  const text = hdfsLog({ blocks: 200, seed: 3 }).lines.join('\n') + '\n';

  it('keeps offsets in 4 bytes, vector ids in 2 and timeline buckets in 1 for a log of known size under 4 GiB', async () => {
    const report = await analyzeLog({ log: textSource(text) });
    assert.ok(report.lines.starts instanceof Uint32Array, report.lines.starts.constructor.name);
    assert.ok(report.lines.vectorIds instanceof Int16Array, report.lines.vectorIds.constructor.name);
    assert.ok(report.lines.buckets instanceof Uint8Array, report.lines.buckets.constructor.name);
    assert.ok(report.lines.sessionIds instanceof Int32Array, report.lines.sessionIds.constructor.name);
    assert.equal(report.lines.starts[report.lines.count], Buffer.byteLength(text));
  });

  it('keeps 8-byte offsets when the size is not known beforehand, with the same results', async () => {
    const sized = await analyzeLog({ log: textSource(text) });
    const unsized = await analyzeLog({ log: { size: null, chunks: () => textSource(text).chunks() } });
    assert.ok(unsized.lines.starts instanceof Float64Array);
    assert.deepEqual(Array.from(unsized.lines.starts), Array.from(sized.lines.starts));
    assert.deepEqual(unsized.anomalies, sized.anomalies);
  });

  it('finds the entry of each line from its header lines and blank-line bits: none for blank lines, the header\'s for continuations', async () => {
    // Enough lines for several 1 MB chunks, so that stack traces and blank lines cross chunk cuts.
    // A line before any header is an entry of its own.
    const lines: string[] = ['   at a.Leading(Before.java:1)', ''];
    const kinds: ('header' | 'continuation' | 'blank')[] = ['header', 'blank'];
    for (let i = 0; kinds.length < 40_000; i++) {
      lines.push(`2024-03-01 12:00:${String(i % 60).padStart(2, '0')},000 INFO [main] com.example.Service: request ${i} took ${i % 97} ms ${'x'.repeat(i % 50)}`);
      kinds.push('header');
      if (i % 17 === 0) {
        lines.push('java.lang.IllegalStateException: boom', '\tat com.example.X.run(X.java:1)', '', '\tat com.example.Y.run(Y.java:2)');
        kinds.push('continuation', 'continuation', 'blank', 'continuation');
      }
      if (i % 23 === 0) {
        lines.push('  ');
        kinds.push('blank');
      }
    }
    const report = await analyzeLog({ log: textSource(lines.join('\n') + '\n') });
    assert.equal(report.stats.lines, lines.length);
    assert.equal(report.stats.entries, kinds.filter((kind) => kind === 'header').length);
    let header = -1;
    for (let line = 0; line < lines.length; line++) {
      const v = report.lines.vectorIds[line];
      if (kinds[line] === 'header') header = line;
      if (kinds[line] === 'blank') assert.equal(v, -1, `line ${line} (${kinds[line]})`);
      else assert.equal(v, report.lines.vectorIds[header], `line ${line} shares its header's vector`);
    }
    // Vectors count their entries' continuation lines, never the blank lines among them.
    const counted = report.vectors.counts.reduce((sum, count) => sum + count, 0);
    assert.equal(counted, kinds.filter((kind) => kind === 'header' || kind === 'continuation').length);
  });

  it('keeps an entry that names more than 255 sessions in all of them', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => `2024-03-01 12:00:00,000 INFO [main] Worker: done req-${i % 40}`);
    const many = 300;
    lines[500] = `2024-03-01 12:00:01,000 INFO [main] Worker: batch ${Array.from({ length: many }, (_, i) => `req-${i}`).join(' ')}`;
    const report = await analyzeLog({ log: textSource(lines.join('\n') + '\n') }, { sessionKey: 'req-(\\d+)' });
    assert.equal(report.sessions.count, many);
    assert.equal(report.sessions.ids[report.lines.sessionIds[500]], '0');
    assert.equal(report.sessions.ids[report.lines.sessionIds[501]], String(501 % 40));
    for (let s = 0; s < many; s++) {
      const members = Array.from(report.sessions.members.subarray(report.sessions.memberStarts[s], report.sessions.memberStarts[s + 1]));
      assert.ok(members.includes(500), `session ${report.sessions.ids[s]} has the batch line`);
    }
  });

  it('empties the columns the lines\' sessions and the timeline read once the report has them, with the same report', async () => {
    const options = resolveOptions({});
    const progress = new ProgressTracker({}, () => 0);
    const read = await readLogs(textSource(text), options, {}, progress);
    const lines = scoreLines(read, options, progress).scored;
    const sessions = scoreSessions(read, lines, options, progress).scored;
    const report = assembleReport(read, lines, sessions, options, progress);
    const { log } = read;
    assert.ok(log.entryCount > 0);
    assert.deepEqual([log.entryLevels.length, log.entryTimes.length, log.entrySessionCounts.length, log.pairSessions.length], [0, 0, 0, 0]);
    const whole = await analyzeLog({ log: textSource(text) });
    assert.deepEqual(Array.from(report.lines.sessionIds), Array.from(whole.lines.sessionIds));
    assert.deepEqual(report.timeline, whole.timeline);
    assert.deepEqual(report.anomalies, whole.anomalies);
  });

  it('gives the lines of a log whose every line is an entry its entries\' vector ids, 2 bytes each while they fit, 4 past 32,767 vectors', async () => {
    const read = await readLogs(textSource(text), resolveOptions({}), {}, new ProgressTracker({}, () => 0));
    assert.equal(read.log.entryCount, read.log.lineCount);
    const few = buildLineVectors(read.log, read.templates.ofEntry, templateStats(read.log, read.templates.ofEntry, read.templates.count));
    assert.ok(few.entryVectors instanceof Int16Array, few.entryVectors.constructor.name);
    assert.equal(lineVectorIdsOf(read.log, few.entryVectors, few.vectors.count), few.entryVectors, 'no second per-line copy');

    // A template of its own for every entry (a miner with a cluster for every message, all of them different): a vector each.
    const clusterOf = new Map<string, number>();
    const miner: ClusterMiner = {
      add: (message) => clusterOf.get(message) ?? clusterOf.set(message, clusterOf.size).size - 1,
      snapshot: () => assert.fail('not snapshotted'),
    };
    const letters = 'ghijklmnopqrstuvwxyz';
    const word = (n: number): string => Array.from({ length: 4 }, (_, i) => letters[Math.floor(n / letters.length ** i) % letters.length]).join('');
    const many = Array.from({ length: 40_000 }, (_, i) => `2024-03-01 12:00:00,000 INFO [main] Worker: step ${word(i)}`);
    const source = textSource(many.join('\n') + '\n');
    const log = await collectLog(source.chunks(), source.size, { format: 'auto', sessionKey: 'none', maxLineBytes: 10_000 }, null, miner, { onBytes: () => undefined, isCancelled: () => false });
    const clusters = log.entryClusters;
    const ofEntry = clustersToTemplates(log, Int32Array.from(many.keys()), many.length);
    assert.equal(ofEntry.buffer, clusters.buffer, 'the templates in the clusters\' buffer');
    assert.equal(log.entryClusters.length, 0);
    const built = buildLineVectors(log, ofEntry, templateStats(log, ofEntry, many.length));
    assert.equal(built.vectors.count, many.length);
    const ids = lineVectorIdsOf(log, built.entryVectors, built.vectors.count);
    assert.ok(ids instanceof Int32Array, ids.constructor.name);
    for (let line = 0; line < many.length; line++) if (ids[line] !== line) assert.fail(`line ${line} has vector ${ids[line]}`);
  });
});
