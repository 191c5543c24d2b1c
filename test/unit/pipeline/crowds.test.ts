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
});
