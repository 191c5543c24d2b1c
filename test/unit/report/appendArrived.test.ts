import assert from 'node:assert/strict';
import { analyzeAndFit, appendArrived, type AnalysisReport, entryLineOf, LiveScorer, textSource } from '../../../src/analysis';
import { hdfsLog, HDFS_ERROR_LINE } from '../pipeline/syntheticLogs';

/** Every line of vector v lists v, every vector's list is in file order, and counts add up. */
function assertConsistent(report: AnalysisReport): void {
  const { lines, vectors } = report;
  assert.equal(lines.starts.length, lines.count + 1);
  for (let v = 0; v < vectors.count; v++) {
    let previous = -1;
    for (let i = vectors.lineStarts[v]; i < vectors.lineStarts[v + 1]; i++) {
      assert.equal(lines.vectorIds[vectors.lines[i]], v);
      assert.ok(vectors.lines[i] > previous);
      previous = vectors.lines[i];
    }
  }
  assert.equal(report.timeline.lines.reduce((sum, n) => sum + n, 0), lines.count);
  assert.equal(report.stats.anomalies, report.anomalies.length);
  for (let i = 1; i < report.anomalies.length; i++) {
    const [a, b] = [report.anomalies[i - 1], report.anomalies[i]];
    const [sa, sb] = [vectors.scores[lines.vectorIds[a]], vectors.scores[lines.vectorIds[b]]];
    assert.ok(sa > sb || (sa === sb && a < b), 'anomalies in rank order');
  }
}

describe('appendArrived: a followed log\'s report grown by the lines that arrive', function () {
  this.timeout(60_000);
  const initial = hdfsLog({ blocks: 200, seed: 31 }).lines.join('\n') + '\n';
  const arriving = hdfsLog({ blocks: 40, seed: 32 }).lines;

  it('keeps what the run found, adds the arrived lines after it and ranks a planted new error first', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const encoder = new TextEncoder();
    let grown = report;
    const batches = [arriving.slice(0, 150), [...arriving.slice(150, 260), HDFS_ERROR_LINE], arriving.slice(260)];
    for (const batch of batches) {
      const bytes = encoder.encode(batch.join('\n') + '\n');
      grown = appendArrived(grown, await scorer.scoreLines(bytes, grown.stats.bytes), []);
      assertConsistent(grown);
    }
    const added = arriving.length + 1;
    assert.equal(grown.lines.count, report.lines.count + added);
    assert.equal(grown.stats.bytes, Buffer.byteLength(initial) + Buffer.byteLength(arriving.join('\n') + '\n' + HDFS_ERROR_LINE + '\n'));
    // The run's own lines keep their vectors, scores and sessions.
    for (let line = 0; line < report.lines.count; line++) {
      assert.equal(grown.lines.vectorIds[line], report.lines.vectorIds[line]);
      assert.equal(grown.lines.sessionIds[line], report.lines.sessionIds[line]);
    }
    assert.deepEqual(grown.vectors.scores.subarray(0, report.vectors.count), report.vectors.scores);
    // The planted line: a template the run never saw, flagged, ranked first, its reason naming it new.
    const planted = report.lines.count + 150 + 110;
    assert.equal(grown.anomalies[0], planted);
    const v = grown.lines.vectorIds[planted];
    const template = grown.templates[grown.vectors.templateIds[v]];
    assert.equal(template.id, grown.templates.length - 1);
    assert.equal(template.count, 1);
    assert.equal(template.firstLine, planted);
    assert.equal(grown.vectors.reasons[v][0].kind, 'newTemplate');
    assert.equal(grown.stats.entries, report.stats.entries + added);
    assert.equal(grown.histogram.counts.reduce((sum, n) => sum + n, 0), grown.stats.entries);
  });

  it('matches templates by text, so the known ones only grow in count', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const grown = appendArrived(report, await scorer.scoreLines(new TextEncoder().encode(arriving.join('\n') + '\n'), report.stats.bytes), []);
    assert.equal(grown.templates.length, report.templates.length);
    const counted = (r: AnalysisReport): number => r.templates.reduce((sum, t) => sum + t.count, 0);
    assert.equal(counted(grown), counted(report) + arriving.length);
  });

  it('marks a new template of an expected pattern as expected, and never ranks its lines', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const grown = appendArrived(report, await scorer.scoreLines(new TextEncoder().encode(HDFS_ERROR_LINE + '\n'), report.stats.bytes), ['<IP>:<PORT>:Got exception while serving <BLK> to /<IP>: java.io.IOException: Block not found in volumeMap']);
    const template = grown.templates[grown.templates.length - 1];
    assert.equal(template.expected, true, template.text);
    assert.ok(!Array.from(grown.anomalies).includes(report.lines.count));
  });

  it('gives the same report from a batch that crossed a thread (structured clone, as the worker posts it)', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const arrived = await scorer.scoreLines(new TextEncoder().encode([...arriving.slice(0, 50), HDFS_ERROR_LINE].join('\n') + '\n'), report.stats.bytes);
    assert.deepEqual(appendArrived(report, structuredClone(arrived), []), appendArrived(report, arrived, []));
  });

  it('refuses a batch that does not start where the report ends, saying what to do', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count + 5, false);
    const arrived = await scorer.scoreLines(new TextEncoder().encode('x\n'), 0);
    assert.throws(() => appendArrived(report, arrived, []), (error: unknown) => error instanceof RangeError && /append batches in order/.test(error.message));
  });

  it('tells each arrived line its entry: a stack trace that arrives points at its first line, a blank line at none', async () => {
    const header = (i: number): string => `2023-01-02 03:04:${String(i % 60).padStart(2, '0')},000 INFO [main] com.example.App - step ${i}`;
    const initialJava = Array.from({ length: 120 }, (_, i) => header(i)).join('\n') + '\n';
    const { report, fitted } = await analyzeAndFit(textSource(initialJava));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const encoder = new TextEncoder();
    let grown = report;
    for (const batch of [[header(200), 'java.lang.IllegalStateException: boom', '\tat com.example.App.run(App.java:10)'], [header(201), '', header(202)]]) {
      grown = appendArrived(grown, await scorer.scoreLines(encoder.encode(batch.join('\n') + '\n'), grown.stats.bytes), []);
    }
    const first = report.lines.count;
    assert.deepEqual(
      Array.from({ length: 6 }, (_, i) => entryLineOf(grown.lines, first + i)),
      [first, first, first, first + 3, -1, first + 5],
    );
    for (let line = 0; line < first; line++) assert.equal(entryLineOf(grown.lines, line), line);
  });

  it('grows its columns in place from batch to batch, while an older report keeps its lines as they were', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const encoder = new TextEncoder();
    const batchOf = (lines: readonly string[]): Uint8Array => encoder.encode(lines.join('\n') + '\n');
    const first = appendArrived(report, await scorer.scoreLines(batchOf(arriving.slice(0, 100)), report.stats.bytes), []);
    const second = appendArrived(first, await scorer.scoreLines(batchOf(arriving.slice(100, 200)), first.stats.bytes), []);
    // The second batch was written after the first one's columns, not into a copy of them.
    assert.equal(second.lines.starts.buffer, first.lines.starts.buffer);
    assert.equal(second.lines.vectorIds.buffer, first.lines.vectorIds.buffer);
    assert.equal(second.vectors.lines.buffer, first.vectors.lines.buffer);
    assert.equal(second.lines.starts.length, second.lines.count + 1);
    assertConsistent(second);
    // Another batch after `first` (not the latest report) is copied: `second` must not change.
    const snapshot = structuredClone(second.lines);
    const branchScorer = new LiveScorer(fitted, report.threshold, {}, first.lines.count, false);
    const branch = appendArrived(first, await branchScorer.scoreLines(batchOf([HDFS_ERROR_LINE, ...arriving.slice(200, 230)]), first.stats.bytes), []);
    assert.notEqual(branch.lines.starts.buffer, first.lines.starts.buffer);
    assert.deepEqual(structuredClone(second.lines), snapshot);
    assertConsistent(branch);
    assert.equal(branch.anomalies[0], first.lines.count);
  });
});

