import assert from 'node:assert/strict';
import { detectFormat } from '../../../src/analysis/formats';
import { emptyParsedLine } from '../../../src/analysis/formats/types';
import { type AnalysisReport, analyzeLog, anomaliesCsv, anomalyRecord, entryLineOf, lineDetail, lineFields, linesCsv, reportFormat, statedTime, templatesCsv, textSource } from '../../../src/analysis';

async function analyzeLines(lines: readonly string[], lineBreak = '\n'): Promise<{ report: AnalysisReport; text: string }> {
  const text = lines.join(lineBreak) + lineBreak;
  return { report: await analyzeLog({ log: textSource(text) }), text };
}

async function linesCsvRows(report: AnalysisReport, text: string): Promise<string[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of linesCsv(report, textSource(text))) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').split('\n');
}

/** A lines.csv row from its session column on: line, score, anomalous and template_id never hold a comma. */
function fromSession(row: string): string {
  return row.split(',').slice(4).join(',');
}

function templateTexts(report: AnalysisReport): string[] {
  return [...templatesCsv(report)].join('').trim().split('\n').slice(1).map((row) => row.split(',').slice(2).join(','));
}

const STACK_TRACE = [
  '2023-01-02 03:04:05,123 ERROR [main] com.example.App - failed',
  'java.lang.IllegalStateException: boom',
  '\tat com.example.App.run(App.java:10)',
  '\tat com.example.App.main(App.java:5)',
  '',
  '2023-01-02 03:04:06,000 INFO [main] com.example.App - retry',
];

describe('lines.csv: time, level, component and entry', function () {
  this.timeout(30_000);

  it('keeps the first five columns, then adds time, level, component and entry', async () => {
    const { report, text } = await analyzeLines(['2023-01-02T03:04:05.678+01:00 INFO app: started']);
    const rows = await linesCsvRows(report, text);
    assert.equal(rows[0], 'line,score,anomalous,template_id,session,time,level,component,entry');
    assert.match(rows[1], /^1,\d\.\d{6},[01],0,,/);
    assert.equal(rows[2], '');
  });

  it('writes an ISO timestamp with its fraction and the offset the line states', async () => {
    const { report, text } = await analyzeLines([
      '2023-01-02T03:04:05.678+01:00 INFO app: started',
      '2023-01-02T03:04:06+01:00 WARN app: slow',
      '2023-01-02T03:04:07Z ERROR db: down',
      '2023-01-02T03:04:08.5-0700 INFO app: back',
    ]);
    const rows = await linesCsvRows(report, text);
    assert.deepEqual(rows.slice(1, 5).map(fromSession), [
      ',2023-01-02T03:04:05.678+01:00,INFO,app,1',
      ',2023-01-02T03:04:06+01:00,WARN,app,2',
      ',2023-01-02T03:04:07Z,ERROR,db,3',
      ',2023-01-02T03:04:08.500-07:00,INFO,app,4',
    ]);
    assert.deepEqual(templateTexts(report), ['started', 'slow', 'down', 'back']);
  });

  it('writes a syslog timestamp in the year the analysis places it in (2000), with the program as component', async () => {
    const { report, text } = await analyzeLines([
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0',
      'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown',
    ]);
    assert.equal(report.stats.format, 'syslog');
    const rows = await linesCsvRows(report, text);
    assert.deepEqual(rows.slice(1, 3).map(fromSession), [',2000-06-14T15:16:01,ERROR,sshd(pam_unix),1', ',2000-06-14T15:16:02,,sshd(pam_unix),2']);
    // No host, program or pid in the templates.
    assert.deepEqual(templateTexts(report), ['authentication failure; logname= uid=<NUM>', 'check pass; user unknown']);
  });

  it('reads a learned header alike: the program of program[pid] as component, the message alone in the templates', async () => {
    const { report, text } = await analyzeLines([
      '[2023-01-02 03:04:05.123] web-01 nginx[812]: GET /index.html 200',
      '[2023-01-02 03:04:06.001] web-02 nginx[813]: GET /about.html 404',
      '[2023-01-02 03:04:07.002] web-01 cron[99]: job started',
      '[2023-01-02 03:04:08.003] web-03 nginx[812]: GET /index.html 200',
    ]);
    assert.equal(report.stats.format, 'learned');
    assert.equal(report.stats.formatStructure, 'timestamp · name · program[pid] · message');
    const rows = await linesCsvRows(report, text);
    assert.deepEqual(rows.slice(1, 5).map(fromSession), [
      ',2023-01-02T03:04:05.123,,nginx,1',
      ',2023-01-02T03:04:06.001,,nginx,2',
      ',2023-01-02T03:04:07.002,,cron,3',
      ',2023-01-02T03:04:08.003,,nginx,4',
    ]);
    assert.deepEqual(templateTexts(report), ['GET /index.html <NUM>', 'GET /about.html <NUM>', 'job started']);
  });

  for (const [name, lineBreak] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`points a stack trace's lines at its first line, with its time, level and component (${name})`, async () => {
      const { report, text } = await analyzeLines(STACK_TRACE, lineBreak);
      assert.equal(report.stats.entries, 2);
      const rows = await linesCsvRows(report, text);
      const entry = ',2023-01-02T03:04:05.123,ERROR,com.example.App,1';
      // The blank line belongs to no entry.
      assert.deepEqual(rows.slice(1, 7).map(fromSession), [entry, entry, entry, entry, ',,,,', ',2023-01-02T03:04:06.000,INFO,com.example.App,6']);
      assert.deepEqual(
        Array.from({ length: 6 }, (_, line) => entryLineOf(report.lines, line)),
        [0, 0, 0, 0, -1, 5],
      );
    });
  }

  it('quotes a component that holds a comma, and leaves time and component empty for lines a shortened file no longer has', async () => {
    const text = '2023-01-02 03:04:05 [a,b] one\n2023-01-02 03:04:06 [a,b] two\n';
    const report = await analyzeLog({ log: textSource(text) }, { format: '^(?<timestamp>\\S+ \\S+) (?<component>\\[[^\\]]*\\]) (?<message>.*)$' });
    assert.equal(report.stats.format, 'custom');
    const rows = await linesCsvRows(report, text.slice(0, text.indexOf('\n') + 1));
    assert.deepEqual(rows.slice(1).map(fromSession), [',2023-01-02T03:04:05,,"[a,b]",1', ',,,,2', '']);
  });
});

describe('anomaly records: the same fields as lines.csv', function () {
  this.timeout(30_000);

  it('gives a stack trace line its entry, and the entry time, level and component, in JSON and CSV', async () => {
    const { report } = await analyzeLines(STACK_TRACE);
    const format = reportFormat(report);
    const line = 2;
    const fields = lineFields(report, line, STACK_TRACE[entryLineOf(report.lines, line)], format);
    assert.deepEqual(fields, { time: '2023-01-02T03:04:05.123', level: 'ERROR', component: 'com.example.App', entry: 1 });
    const record = anomalyRecord(lineDetail(report, line, STACK_TRACE[line], format), STACK_TRACE[line], fields);
    assert.deepEqual(
      { time: record.time, level: record.level, component: record.component, entry: record.entry, line: record.line },
      { time: '2023-01-02T03:04:05.123', level: 'ERROR', component: 'com.example.App', entry: 1, line: 3 },
    );
    const csv = anomaliesCsv([record]).split('\n');
    assert.equal(csv[0], 'rank,line,score,level,time,component,entry,template_id,template,reasons,text');
    assert.ok(csv[1].startsWith(`${record.rank},3,`), csv[1]);
    assert.ok(csv[1].includes(',ERROR,2023-01-02T03:04:05.123,com.example.App,1,0,failed,'), csv[1]);
  });

  it('says null for a line without a timestamp', async () => {
    const { report } = await analyzeLines(['INFO starting', 'INFO ready']);
    const fields = lineFields(report, 0, 'INFO starting', reportFormat(report));
    assert.equal(fields.time, '');
    assert.equal(anomalyRecord(lineDetail(report, 0, 'INFO starting', reportFormat(report)), 'INFO starting', fields).time, null);
  });
});

describe('statedTime', () => {
  const at = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);

  it('writes the offset as the line states it, as Z or ±hh:mm', () => {
    assert.equal(statedTime('2023-01-02T03:04:05Z x', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05Z');
    assert.equal(statedTime('2023-01-02 03:04:05 UTC x', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05Z');
    assert.equal(statedTime('[04/Dec/2005:04:47:44 +0000] x', at(2005, 12, 4, 4, 47, 44)), '2005-12-04T04:47:44+00:00');
    assert.equal(statedTime('2023-01-02T03:04:05+0530 x', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05+05:30');
    assert.equal(statedTime('2023-01-02T03:04:05-07 x', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05-07:00');
    assert.equal(statedTime('2023-01-02 03:04:05 x', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05');
    // date(1) names its zone: the names whose offset is not in doubt are written as offsets.
    assert.equal(statedTime('Sat Apr 27 03:33:07 PDT 2013', at(2013, 4, 27, 3, 33, 7)), '2013-04-27T03:33:07-07:00');
    assert.equal(statedTime('dump at Thu Jun 2 00:01:01 UTC 2022 ==', at(2022, 6, 2, 0, 1, 1)), '2022-06-02T00:01:01Z');
    assert.equal(statedTime('Sat Apr 27 03:33:07 IST 2013', at(2013, 4, 27, 3, 33, 7)), '2013-04-27T03:33:07');
  });

  it('writes a fraction when the timestamp has one, to the millisecond', () => {
    assert.equal(statedTime('2023-01-02 03:04:05,100 x', at(2023, 1, 2, 3, 4, 5, 100)), '2023-01-02T03:04:05.100');
    assert.equal(statedTime('2023-01-02 03:04:05.000 x', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05.000');
    assert.equal(statedTime('- 2005-06-03-15.42.50.675872 R02', at(2005, 6, 3, 15, 42, 50, 675)), '2005-06-03T15:42:50.675');
    assert.equal(statedTime('20171223-22:15:29:606|Step', at(2017, 12, 23, 22, 15, 29, 606)), '2017-12-23T22:15:29.606');
  });

  it('writes epoch numbers in UTC, a date alone without an offset, and nothing for NaN', () => {
    assert.equal(statedTime('1700000000 started', 1_700_000_000_000), '2023-11-14T22:13:20Z');
    assert.equal(statedTime('ts=1700000000123 started', 1_700_000_000_123), '2023-11-14T22:13:20.123Z');
    assert.equal(statedTime('2023-01-02 started', at(2023, 1, 2, 0, 0, 0)), '2023-01-02T00:00:00');
    assert.equal(statedTime('no time here', NaN), '');
  });

  it('falls back on the milliseconds alone when the line does not write the time the format read', () => {
    assert.equal(statedTime('nothing like it', at(2023, 1, 2, 3, 4, 5, 250)), '2023-01-02T03:04:05.250');
    assert.equal(statedTime('nothing like it', at(2023, 1, 2, 3, 4, 5)), '2023-01-02T03:04:05');
  });

  it('gives the same time from where the format says the timestamp is as from looking for it, line after line', () => {
    // One log per reader that says where its timestamp is; lines of one second in a row, then a line that differs
    // from the one before only after the timestamp (an offset, a fraction), which must not take the last line's time.
    const logs = [
      ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating', '081109 203615 149 INFO dfs.DataNode: Receiving block', '081109 203616 7 WARN dfs.DataNode: slow'],
      ['17/06/09 20:10:40 INFO executor.Backend: Registered', '17/06/09 20:10:40 WARN storage.Memory: low'],
      ['- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO ok'],
      ['2015-07-29 17:41:44,747 - INFO  [main:QuorumPeer@913] - started', '2015-07-29 17:41:44,747 - WARN  [main:QuorumPeer@914] - slow'],
      ['2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.App: Created', '2015-10-18 18:01:47,978 ERROR [main] org.apache.hadoop.App: Failed'],
      ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok', '[Sun Dec 04 04:47:44 2005] [error] mod_jk child in error state 6'],
      ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure', 'Jun 14 15:16:01 combo sshd(pam_unix)[19937]: check pass'],
      ['2023-01-02T03:04:05.123+01:00 host sshd[12]: accepted', '2023-01-02T03:04:05.123+01:00 host sshd[13]: closed'],
      // Read by a learned header: the time as one field, then in brackets, with and without an offset.
      ['web01 | 2023-01-02 03:04:05 | I | api | request served', 'web01 | 2023-01-02 03:04:05 | W | api | slow request', 'web02 | 2023-01-02 03:04:05 | E | db | lost'],
      ['[2023-01-02 03:04:05] worker.1 INFO: job done', '[2023-01-02 03:04:05 +0200] worker.2 INFO: job done', '[2023-01-02 03:04:05.250] worker.3 ERROR: job failed'],
    ];
    const times: string[] = [];
    for (const lines of logs) {
      const format = detectFormat(lines);
      const parsed = emptyParsedLine();
      for (const line of lines) {
        parsed.timestampStart = -1;
        assert.ok(format.parse(line, parsed), `${format.name} reads ${line}`);
        assert.ok((parsed.timestampStart ?? -1) >= 0, `${format.name} says where the timestamp of ${line} is`);
        const found = statedTime(line, parsed.timestamp);
        assert.equal(statedTime(line, parsed.timestamp, parsed.timestampStart, parsed.timestampEnd), found, `${format.name}: ${line}`);
        times.push(found);
      }
    }
    assert.deepEqual(times.slice(-3), ['2023-01-02T03:04:05', '2023-01-02T03:04:05+02:00', '2023-01-02T03:04:05.250']);
    assert.deepEqual(times.slice(0, 3), ['2008-11-09T20:36:15', '2008-11-09T20:36:15', '2008-11-09T20:36:16']);
  });
});

