import assert from 'node:assert/strict';
import { analyzeAndFit, analyzeLog, LiveScorer, roundScore, textSource } from '../../../src/analysis';
import { LineBuffer } from '../../../src/node/logFollower';
import { hdfsLog, HDFS_ERROR_LINE } from '../pipeline/syntheticLogs';

describe('LiveScorer: lines that arrive, scored against what a run fitted', function () {
  this.timeout(60_000);
  const initial = hdfsLog({ blocks: 200, seed: 21 }).lines.join('\n') + '\n';
  const arriving = hdfsLog({ blocks: 60, seed: 22, truncatedBlocks: [3] }).lines;
  const appended = [...arriving.slice(0, 300), HDFS_ERROR_LINE, ...arriving.slice(300)];

  it('scores arriving lines as a run of them against the fit would, in batches of any size, numbering lines after the log', async () => {
    const { report, fitted } = await analyzeAndFit(textSource(initial));
    const threshold = 0.6;
    const scorer = new LiveScorer(fitted, threshold, {}, report.lines.count, false);
    const encoder = new TextEncoder();
    const found = [];
    for (let from = 0; from < appended.length; from += 137) {
      const batch = await scorer.scoreBytes(encoder.encode(appended.slice(from, from + 137).join('\n') + '\n'));
      assert.equal(batch.lines, Math.min(137, appended.length - from));
      found.push(...batch.anomalies);
    }
    // The same lines scored in one run against the same fit.
    const against = await analyzeLog({ log: textSource(appended.join('\n') + '\n'), baseline: fitted });
    const expected: { line: number; score: number }[] = [];
    for (let line = 0; line < against.lines.count; line++) {
      const v = against.lines.vectorIds[line];
      if (v >= 0 && against.vectors.scores[v] >= threshold) expected.push({ line: report.lines.count + line + 1, score: roundScore(against.vectors.scores[v]) });
    }
    assert.deepEqual(found.map(({ line, score }) => ({ line, score })), expected);
    const error = found.find((anomaly) => anomaly.text === HDFS_ERROR_LINE);
    assert.ok(error, 'the planted error line is among them');
    assert.equal(error.line, report.lines.count + 301);
    assert.equal(error.isNew, true);
    assert.equal(error.level, 'WARN');
    assert.ok(error.reasons.length > 0);
  });

  it('raises an arriving error of a template that recurs throughout the log as the run raised it, and a new error fully', async () => {
    const time = (i: number): string => `2023-01-02 03:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},000`;
    const line = (i: number): string =>
      i % 10 === 0 ? `${time(i)} ERROR [main] com.example.Disk - check failed on volume ${i % 3}` : `${time(i)} INFO [main] com.example.App - served request ${i} in ${i % 50} ms`;
    const { report, fitted } = await analyzeAndFit(textSource(Array.from({ length: 600 }, (_, i) => line(i)).join('\n') + '\n'));
    const scorer = new LiveScorer(fitted, report.threshold, {}, report.lines.count, false);
    const planted = `${time(601)} ERROR [main] com.example.Disk - controller reset by firmware`;
    const arrived = await scorer.scoreLines(new TextEncoder().encode(`${line(600)}\n${planted}\n`), report.stats.bytes);
    // Line 570 of the run has the same message as the arriving line 600 (volume 0).
    const runVector = report.lines.vectorIds[570];
    const [recurring, fresh] = [arrived.lineVectors[0], arrived.lineVectors[1]];
    assert.equal(roundScore(arrived.vectors.scores[recurring]), roundScore(report.vectors.scores[runVector]));
    assert.deepEqual(arrived.vectors.reasons[recurring].find((reason) => reason.kind === 'severity'), report.vectors.reasons[runVector].find((reason) => reason.kind === 'severity'));
    assert.ok(arrived.vectors.reasons[recurring].some((reason) => reason.kind === 'severity' && reason.spread === 'throughout'));
    assert.ok(arrived.vectors.scores[fresh] > arrived.vectors.scores[recurring], 'a new error ranks above one that was always there');
  });

  it('holds a line without its line break until the rest arrives', () => {
    const buffer = new LineBuffer();
    const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
    assert.equal(text(buffer.push(new TextEncoder().encode('one\ntw'))), 'one\n');
    assert.equal(text(buffer.push(new TextEncoder().encode('o'))), '');
    assert.equal(text(buffer.push(new TextEncoder().encode('\nthree'))), 'two\n');
    assert.equal(text(buffer.rest()), 'three');
  });

  it('ends lines at a lone CR and a CRLF as the engine does, holding a last CR that may start a CRLF', () => {
    const buffer = new LineBuffer();
    const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
    assert.equal(text(buffer.push(new TextEncoder().encode('one\rtwo\r'))), 'one\r');
    assert.equal(text(buffer.push(new TextEncoder().encode('\nthree\rfo'))), 'two\r\nthree\r');
    assert.equal(text(buffer.rest()), 'fo');
  });
});
