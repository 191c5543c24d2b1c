import assert from 'node:assert/strict';
import { detectFormat, Level, resolveFormat } from '../../../src/analysis';
import { assertContinuation, assertParsed, parse, utc } from './helpers';

const SAMPLES: Record<string, string[]> = {
  hdfs: [
    '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
    '081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_-6952295868487656571 terminating',
    '081109 204005 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.73.220:50010 is added to blk_7128370237687728475 size 67108864',
  ],
  bgl: [
    '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
    'KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt',
  ],
  zookeeper: [
    '2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200',
    '2015-07-29 19:04:12,394 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.11:45307',
  ],
  spark: [
    '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]',
    '17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi',
  ],
  'apache-error': [
    '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
    '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6',
  ],
  syslog: [
    'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
    'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
    'Jun  9 06:06:20 combo kernel: Linux version 2.6.5-1.358',
  ],
  'syslog-iso': [
    '2023-01-02T03:04:05.123456+01:00 web01 nginx[812]: upstream timed out',
    '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - failed for lonvick',
  ],
  log4j: [
    '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001',
    '2015-10-18 18:01:48,963 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Executing with tokens:',
    '2023-01-02T03:04:05.678Z ERROR com.acme.Foo - msg',
  ],
  jsonl: ['{"time":"2023-01-02T03:04:05.678Z","level":"warn","msg":"disk almost full"}', '{"level":30,"time":1672628645678,"msg":"ok"}'],
  learned: ['20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', '20171223-22:15:29:633|Step_SPUtils|30002312| getTodayTotalDetailSteps = 1514038440000##6993##548365##8661##12266##27164404'],
};

describe('detectFormat', () => {
  for (const [name, sample] of Object.entries(SAMPLES)) {
    it(`detects ${name} from a few lines`, () => {
      assert.equal(detectFormat(sample).name, name);
      assert.equal(detectFormat(sample.slice(0, 1)).name, name, 'from one line');
    });
  }

  it('ignores blank lines and counts stack traces against no format in particular', () => {
    const sample = [
      '',
      '2023-01-02 03:04:05,000 ERROR [main] com.acme.Server: request failed',
      'java.lang.IllegalStateException: closed',
      '\tat com.acme.Server.handle(Server.java:42)',
      '\tat com.acme.Server.run(Server.java:12)',
      '  ',
      '2023-01-02 03:04:06,000 INFO [main] com.acme.Server: recovered',
    ];
    assert.equal(detectFormat(sample).name, 'log4j');
  });

  it('detects a format whose headers are few among long stack traces', () => {
    const trace = Array.from({ length: 60 }, (_, i) => `\tat com.acme.Layer${i}.call(Layer${i}.java:${i + 1})`);
    const sample = [
      '2023-01-02 03:04:05,000 ERROR [main] com.acme.Server: request failed',
      'java.lang.IllegalStateException: closed',
      ...trace,
      'Caused by: java.io.IOException: reset',
      ...trace,
      '2023-01-02 03:04:06,000 ERROR [main] com.acme.Server: request failed again',
      'java.lang.IllegalStateException: closed',
      ...trace,
    ];
    assert.equal(detectFormat(sample).name, 'log4j');
  });

  it('does not take a log4j logger for a syslog tag, and keeps program[pid] out of the message', () => {
    const format = detectFormat(['2023-01-02T03:04:05.678Z INFO app[12]: started', '2023-01-02T03:04:06.000Z WARN app[12]: slow']);
    assert.notEqual(format.name, 'syslog');
    assertParsed(format, '2023-01-02T03:04:06.000Z WARN app[12]: slow', { timestamp: utc(2023, 1, 2, 3, 4, 6), level: Level.warning, component: 'app', message: 'slow' });
  });

  it('prefers the more specific format on a tie', () => {
    // ZooKeeper lines are also log4j lines.
    assert.equal(detectFormat(SAMPLES.zookeeper).name, 'zookeeper');
  });

  it('learns the header when it finds timestamps on more lines than a specific format accepts', () => {
    const mixed = [...SAMPLES.log4j, '2023-01-02 03:04:05 plain line without level', '2023-01-02 03:04:06 another one', '2023-01-02 03:04:07 and one more', '2023-01-02 03:04:08 and the last'];
    assert.equal(detectFormat(mixed).name, 'learned');
  });

  it('learns a message-only header for an empty sample, prose, or a stray matching line', () => {
    assert.equal(detectFormat([]).name, 'learned');
    assert.equal(detectFormat(['', '  ']).name, 'learned');
    const prose = Array.from({ length: 30 }, (_, i) => `paragraph ${i} of a README, not a log`);
    assert.equal(detectFormat(prose).name, 'learned');
    assert.match(detectFormat(prose).label, /message only/);
    assert.equal(detectFormat([...prose, SAMPLES.syslog[0]]).name, 'learned');
    assertParsed(detectFormat(prose), prose[3], { timestamp: NaN, level: Level.unknown, component: '', message: prose[3] });
  });

  it('learns year-less timestamps and takes lines without one for continuations', () => {
    const format = detectFormat(['[10.30 16:49:06] chrome.exe - open', '[10.30 16:49:07] chrome.exe - close']);
    assert.equal(format.name, 'learned');
    assert.equal(format.hasYear, false);
    assertContinuation(format, 'wrapped text of the line above');
  });
});

describe('resolveFormat', () => {
  it('detects on auto and finds built-ins by name in any case', () => {
    assert.equal(resolveFormat('auto', SAMPLES.spark).name, 'spark');
    assert.equal(resolveFormat('HDFS', SAMPLES.spark).name, 'hdfs');
    assert.equal(resolveFormat(' syslog ', []).name, 'syslog');
    assert.equal(resolveFormat('generic', SAMPLES.hdfs).name, 'generic');
  });

  it('says what to fix for an unknown name or an empty option', () => {
    assert.throws(() => resolveFormat('log4jj', []), (error: unknown) => error instanceof RangeError && /unknown format "log4jj".*hdfs.*\(\?<message>/.test(error.message));
    assert.throws(() => resolveFormat('   ', []), RangeError);
  });

  describe('custom regular expressions', () => {
    const pattern = '^(?<timestamp>\\S+ \\S+) \\| (?<level>\\w+) \\| (?<component>[^|]+?) \\| (?<message>.*)$';

    it('fills every named group', () => {
      const format = resolveFormat(pattern, []);
      assert.equal(format.name, 'custom');
      assertParsed(format, '2023-01-02 03:04:05 | WARN | billing | card declined ', {
        timestamp: utc(2023, 1, 2, 3, 4, 5),
        level: Level.warning,
        component: 'billing',
        message: 'card declined',
      });
      assertContinuation(format, 'continuation text');
      assert.equal(parse(format, 'garbage time | INFO | x | y')?.timestamp, NaN);
    });

    it('infers the level without a level group and reads year-less timestamps', () => {
      const format = resolveFormat('^(?:(?<timestamp>\\w{3} +\\d+ [\\d:]+) )?(?<message>.*)$', ['Jun 14 15:16:01 connection refused']);
      assert.equal(format.hasYear, false);
      assertParsed(format, 'Jun 14 15:16:01 connection refused', { timestamp: utc(2000, 6, 14, 15, 16, 1), level: Level.error, component: '', message: 'connection refused' });
      assertParsed(format, 'free text', { timestamp: NaN, level: Level.unknown, component: '', message: 'free text' });
    });

    it('accepts the /pattern/flags form and ignores the g flag', () => {
      const format = resolveFormat('/^LOG (?<message>.*)$/gi', []);
      assert.equal(parse(format, 'log first')?.message, 'first');
      assert.equal(parse(format, 'log second')?.message, 'second');
    });

    it('rejects a regex without a message group, with unknown groups, or that does not compile', () => {
      assert.throws(() => resolveFormat('^(?<timestamp>\\S+) (.*)$', []), (e: unknown) => e instanceof RangeError && /\(\?<message>/.test(e.message));
      assert.throws(() => resolveFormat('^(?<time>\\S+) (?<message>.*)$', []), (e: unknown) => e instanceof RangeError && /unknown named group.*"time".*timestamp, level, component, message/.test(e.message));
      assert.throws(() => resolveFormat('^(?<message>.*', []), (e: unknown) => e instanceof RangeError && /not a valid regular expression/.test(e.message));
    });
  });
});
