import assert from 'node:assert/strict';
import { analyzeLog, textSource, type AnalysisReport } from '../../../src/analysis';
import { generateHdfsLogText } from '../../../scripts/hdfs-generator';
import { generateHdfsLog } from '../../e2e/fixtures';

/** 1-based numbers of the flagged lines. */
function flaggedLines(report: AnalysisReport): number[] {
  const lines: number[] = [];
  report.lines.vectorIds.forEach((v, line) => {
    if (v >= 0 && report.vectors.flagged[v]) lines.push(line + 1);
  });
  return lines;
}

function templateOf(report: AnalysisReport, line: number): string {
  return report.templates[report.vectors.templateIds[report.lines.vectorIds[line - 1]]].text;
}

/** The job-file replication steps of HDFS: routine INFO templates of a few lines per thousand. */
const REPLICATION = /^(Received block <BLK> src: .* of size|<IP>:<PORT> Starting thread to transfer|BLOCK\* ask <IP>:<PORT> to replicate|<IP>:<PORT>:Transmitted block)/;

describe('auto threshold and crowds of ordinary lines', () => {
  it('flags the planted lines of the e2e log, its rare ERROR first, and no tied group of routine INFO replication lines', async () => {
    // The e2e fixture: 4,016 lines, where 14 "Received block … src … dest … of size" lines tie just above the cut.
    const log = generateHdfsLog({ seed: 20081109, lines: 4_000, anomalousSessions: 3 });
    const report = await analyzeLog({ log: textSource(log.text) });
    const flagged = flaggedLines(report);
    for (const line of log.anomalousLines) assert.ok(flagged.includes(line), `planted line ${line} flagged`);
    const routine = flagged.filter((line) => REPLICATION.test(templateOf(report, line)));
    assert.deepEqual(routine, [], 'no replication line flagged');
    assert.ok(flagged.length <= log.anomalousLines.length + 3, `${flagged.length} flagged`);
    const top = report.vectors.ranks[report.lines.vectorIds[log.text.split('\n').findIndex((line) => line.includes('edit log is corrupt'))]];
    assert.equal(top, 1, 'the ERROR line ranks first');
  });

  it('on a generated HDFS log with planted failures, flags only planted lines and keeps them', async function () {
    this.timeout(60_000);
    // Here four replication templates of 73-89 lines each (0.15% of the log) tie below the planted groups of 2-34 lines.
    const log = generateHdfsLogText({ lines: 50_000, seed: 4, anomalyRate: 0.03 });
    const report = await analyzeLog({ log: textSource(log.text) });
    const flagged = flaggedLines(report);
    const planted = flagged.filter((line) => log.anomalousLines.has(line));
    assert.equal(planted.length, flagged.length, `${flagged.length - planted.length} unplanted lines flagged`);
    assert.ok(planted.length >= 0.9 * log.anomalousLines.size, `${planted.length} of ${log.anomalousLines.size} planted lines flagged`);
  });

  it('flags no routine INFO template that tops the scores over the whole log, but flags it in a burst, or as warnings', async function () {
    this.timeout(60_000);
    // A service log of 60,000 lines in which an audit log is rotated every 400 lines: 150 lines (0.25%), rarer than all else.
    const stamp = (i: number): string => `2023-01-02 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String(i % 1000).padStart(3, '0')}`;
    const ordinary = (i: number): string =>
      [
        `INFO [http-${i % 8}] com.example.Api - GET /items/${i % 977} answered 200 in ${i % 83} ms`,
        `INFO [http-${i % 8}] com.example.Api - POST /orders/${i % 631} answered 201 in ${i % 97} ms`,
        `DEBUG [db-${i % 4}] com.example.Pool - connection ${i % 16} returned to the pool`,
        `INFO [cache] com.example.Cache - ${['alpha', 'beta', 'gamma', 'delta'][i % 4]} cache hit ratio ${i % 100} percent`,
        `INFO [http-${i % 8}] com.example.Api - session ${i % 5000} refreshed for user ${i % 313}`,
      ][i % 5];
    const rotation = (level: string, i: number): string => `${level} [cron] com.example.Audit - rotated the audit log to /var/log/audit.${i % 7}.gz`;
    const logOf = (isRotation: (i: number) => boolean, level = 'INFO'): string =>
      Array.from({ length: 60_000 }, (_, i) => `${stamp(i)} ${isRotation(i) ? rotation(level, i) : ordinary(i)}`).join('\n') + '\n';
    const everyFourHundred = (i: number): boolean => i % 400 === 17;
    const spread = await analyzeLog({ log: textSource(logOf(everyFourHundred)) });
    assert.equal(spread.stats.anomalies, 0, 'the routine rotations are not flagged');
    const burst = await analyzeLog({ log: textSource(logOf((i) => i >= 30_000 && i < 30_600 && i % 4 === 1)) });
    assert.equal(burst.stats.anomalies, 150, 'the same lines in one burst are');
    const warnings = await analyzeLog({ log: textSource(logOf(everyFourHundred, 'WARN')) });
    assert.equal(warnings.stats.anomalies, 150, 'and so are rotations that warn');
  });
});
