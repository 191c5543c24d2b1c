import assert from 'node:assert/strict';
import { groupDigits, Level, type LineDetail, type ReportStats } from '../../../src/analysis';
import { Grade } from '../../../src/editor/state/marks';
import { anomalyLabel, diagnosticMessage, displayName, hoverMarkdown, logTime, runSummary } from '../../../src/editor/text/wording';

const stats = (overrides: Partial<ReportStats>): ReportStats => ({
  bytes: 1000,
  lines: 7940,
  entries: 7940,
  templates: 31,
  sessions: 300,
  anomalies: 23,
  anomalousSessions: 2,
  format: 'hdfs',
  formatStructure: 'HDFS DataNode/NameNode',
  headerProfile: null,
  sessionKind: 'hdfs-block',
  sessionModel: 'invariants',
  hasTimestamps: true,
  truncatedLines: 0,
  invalidUtf8Lines: 0,
  warnings: [],
  baselineLines: null,
  elapsedMs: 10,
  stageMs: {},
  stageBytes: {},
  ...overrides,
});

const detail = (overrides: Partial<LineDetail>): LineDetail => ({
  line: 41,
  score: 0.8712,
  rank: 3,
  flagged: true,
  level: 'ERROR',
  templateId: 4,
  template: 'Disk <*> is <NUM>% full',
  time: Date.UTC(2008, 10, 9, 20, 36, 15),
  message: 'Disk /data is 99% full',
  reasons: [{ kind: 'severity', level: Level.error, share: 0.001 }],
  reasonTexts: ['Error level, shared by only 0.10% of lines'],
  ...overrides,
});

describe('wording', () => {
  it('names a log by its file name, an untitled document by its own name', () => {
    assert.equal(displayName({ scheme: 'file', path: '/var/log/hdfs.log' }), 'hdfs.log');
    assert.equal(displayName({ scheme: 'vscode-remote', path: '/home/me/app.log' }), 'app.log');
    assert.equal(displayName({ scheme: 'untitled', path: 'Untitled-1' }), 'Untitled-1');
    const root = { scheme: 'file', path: '/', toString: () => 'file:///' };
    assert.equal(displayName(root), 'file:///', 'a URI without a file name is shown whole');
  });

  it('summarises a run in one sentence', () => {
    assert.equal(runSummary('hdfs.log', stats({}), 23, null), '23 anomalies in hdfs.log (7,940 lines, 31 templates; 2 of 300 sessions anomalous).');
    assert.equal(runSummary('a.log', stats({ lines: 1, templates: 1, sessions: 0 }), 1, 'good.log'), '1 anomaly in a.log compared with good.log (1 line, 1 template).');
    assert.equal(runSummary('a.log', stats({ sessions: 0 }), 0, null), 'No anomalies found in a.log (7,940 lines, 31 templates).');
  });

  it('writes the Problems message with rank, score and the first reason', () => {
    assert.equal(diagnosticMessage(detail({})), '#3 score 0.87: Error level, shared by only 0.10% of lines');
    assert.equal(diagnosticMessage(detail({ rank: 12345, reasonTexts: [] })), '#12,345 score 0.87');
  });

  it('labels tree items with the message, line number and score', () => {
    assert.deepEqual(anomalyLabel(41, 0.8712, '  Disk /data is 99% full '), { label: '42: Disk /data is 99% full', description: '0.87' });
    assert.equal(anomalyLabel(12344, 0.5, '   ').label, '12,345: (empty line)');
    assert.equal(anomalyLabel(0, 0.5, 'x'.repeat(300)).label.length, '1: '.length + 120);
  });

  it('shows log times as the log wrote them, without a year when the log has none', () => {
    const ms = Date.UTC(2000, 5, 14, 15, 16, 1);
    assert.equal(logTime(ms, true), '2000-06-14 15:16:01');
    assert.equal(logTime(ms, false), '06-14 15:16:01');
    assert.equal(logTime(Date.UTC(2000, 0, 1, 0, 0, 0, 250), true), '2000-01-01 00:00:00.250');
    assert.equal(logTime(NaN, true), '');
  });

  it('groups digits without the locale', () => {
    assert.deepEqual([0, 999, 1000, 1234567].map(groupDigits), ['0', '999', '1,000', '1,234,567']);
  });

  it('builds the hover with every fact and the log text escaped', () => {
    const markdown = hoverMarkdown({
      detail: detail({ reasonTexts: ['Rare words for this file: "<img src=x onerror=alert(1)>", "[x](command:y)"'], template: 'value `<*>` **here**' }),
      grade: Grade.critical,
      markedLines: 23,
      model: 'iforest',
      hasYear: true,
      session: { id: 'blk_<b>1</b>', score: 0.91, flagged: true, reasons: ['3 × "Receiving block <BLK>" but 2 × "PacketResponder <NUM> terminating": 99.9% of sessions have as many of each'] },
      baselineName: null,
    });
    assert.ok(markdown.includes('Why its session stands out:\n\n- 3 × \\"Receiving block \\<BLK\\>\\" but 2 × '), markdown);
    assert.match(markdown, /^\*\*Log anomaly #3\*\* of 23 · score \*\*0\.87\*\* \(critical\)/);
    assert.match(markdown, /model: Isolation Forest/);
    assert.match(markdown, /level: ERROR/);
    assert.match(markdown, /time: 2008\\-11\\-09 20\\:36\\:15/);
    assert.match(markdown, /session: blk\\_\\<b\\>1\\<\\\/b\\>, anomalous, score 0\.91/);
    assert.ok(markdown.includes('- Rare words for this file\\: \\"\\<img src\\=x onerror\\=alert\\(1\\)\\>\\"'));
    assert.ok(markdown.includes('\\[x\\]\\(command\\:y\\)'));
    assert.ok(markdown.includes('```log\nvalue `<*>` **here**\n```'));
  });
});
