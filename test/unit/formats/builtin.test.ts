import assert from 'node:assert/strict';
import { BUILTIN_FORMATS, Level, type LogFormat, resolveFormat } from '../../../src/analysis';
import { assertContinuation, assertParsed, parse, utc } from './helpers';

function builtin(name: string): LogFormat {
  const format = BUILTIN_FORMATS.find((f) => f.name === name);
  assert.ok(format, `no built-in format ${name}`);
  return format;
}

const JAVA_TRACE = [
  '\tat org.apache.hadoop.ipc.Client.call(Client.java:1475)',
  'java.net.ConnectException: Connection refused',
  'Caused by: java.io.IOException: Broken pipe',
  '\t... 12 more',
];

describe('built-in formats', () => {
  it('lists every format once, generic last', () => {
    const names = BUILTIN_FORMATS.map((f) => f.name);
    assert.deepEqual(new Set(names).size, names.length);
    for (const name of ['hdfs', 'bgl', 'syslog', 'syslog-iso', 'log4j', 'apache-error', 'spark', 'zookeeper', 'jsonl', 'logfmt', 'generic']) {
      assert.ok(names.includes(name), name);
    }
    assert.equal(names[names.length - 1], 'generic');
    for (const format of BUILTIN_FORMATS) assert.ok(format.label.length > 0);
  });

  describe('hdfs', () => {
    const hdfs = builtin('hdfs');
    it('splits date, time, pid, level, component and message', () => {
      assertParsed(hdfs, '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating', {
        timestamp: utc(2008, 11, 9, 20, 36, 15),
        level: Level.info,
        component: 'dfs.DataNode$PacketResponder',
        message: 'PacketResponder 1 for block blk_38865049064139660 terminating',
      });
      assertParsed(hdfs, '081111 065254 19 WARN dfs.FSNamesystem: BLOCK* ask 10.250.17.177:50010 to delete  blk_-8570780307468499817', {
        timestamp: utc(2008, 11, 11, 6, 52, 54),
        level: Level.warning,
        component: 'dfs.FSNamesystem',
        message: 'BLOCK* ask 10.250.17.177:50010 to delete  blk_-8570780307468499817',
      });
    });
    it('takes other lines for continuations', () => {
      for (const line of [...JAVA_TRACE, '081109 203615 INFO no pid', '081309 203615 148 INFO dfs.X: month 13']) assertContinuation(hdfs, line);
    });
  });

  describe('bgl', () => {
    const bgl = builtin('bgl');
    it('uses the full time field, the component and the level, and drops the alert label', () => {
      assertParsed(bgl, '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected', {
        timestamp: utc(2005, 6, 3, 15, 42, 50, 675),
        level: Level.info,
        component: 'KERNEL',
        message: 'instruction cache parity error corrected',
      });
      assertParsed(bgl, 'KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt', {
        timestamp: utc(2005, 6, 11, 17, 32, 7, 581),
        level: Level.fatal,
        component: 'KERNEL',
        message: 'data TLB error interrupt',
      });
    });
    it('maps BGL levels and accepts NULL locations and empty messages', () => {
      const line = (level: string, rest: string) => `- 1117956022 2005.06.05 NULL 2005-06-05-00.20.22.427003 NULL RAS MMCS ${level}${rest}`;
      assert.equal(parse(bgl, line('ERROR', ' idoproxydb hit ASSERT condition'))?.component, 'MMCS');
      assert.equal(parse(bgl, line('FAILURE', ' ciod: LOGIN chdir(/p/gb1) failed'))?.level, Level.error);
      assert.equal(parse(bgl, line('SEVERE', ' link error'))?.level, Level.error);
      assert.equal(parse(bgl, line('WARNING', ' x'))?.level, Level.warning);
      assert.equal(parse(bgl, line('INFO', ''))?.message, '');
    });
    it('takes other lines for continuations', () => {
      for (const line of ['free text', '- 11178 2005.06.03 R02 2005-06-03-15.42.50.675872 R02 RAS KERNEL INFO short epoch']) assertContinuation(bgl, line);
    });
  });

  describe('syslog (RFC 3164)', () => {
    const syslog = builtin('syslog');
    it('has no year and takes the program as component', () => {
      assert.equal(syslog.hasYear, false);
      assertParsed(syslog, 'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4', {
        timestamp: utc(2000, 6, 14, 15, 16, 1),
        level: Level.error,
        component: 'sshd(pam_unix)',
        message: 'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4',
      });
      assertParsed(syslog, 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186', {
        timestamp: utc(2000, 12, 10, 6, 55, 46),
        level: Level.unknown,
        component: 'sshd',
        message: 'Invalid user webmaster from 173.234.31.186',
      });
    });
    it('reads a space-padded day, a tag without pid, a missing tag and Feb 29', () => {
      assertParsed(syslog, 'Jun  9 06:06:20 combo kernel: Linux version 2.6.5-1.358', {
        timestamp: utc(2000, 6, 9, 6, 6, 20),
        level: Level.unknown,
        component: 'kernel',
        message: 'Linux version 2.6.5-1.358',
      });
      assertParsed(syslog, 'Feb 29 23:59:59 combo last message repeated 2 times', {
        timestamp: utc(2000, 2, 29, 23, 59, 59),
        level: Level.unknown,
        component: '',
        message: 'last message repeated 2 times',
      });
    });
    it('takes the level from a <PRI> prefix over the message', () => {
      assertParsed(syslog, '<11>Jun 14 15:16:01 host app: everything fine', {
        timestamp: utc(2000, 6, 14, 15, 16, 1),
        level: Level.error,
        component: 'app',
        message: 'everything fine',
      });
      assert.equal(parse(syslog, '<14>Jun 14 15:16:01 host app: write failed')?.level, Level.info);
    });
    it('takes other lines for continuations', () => {
      for (const line of ['  indented', 'June 14 15:16:01 host app: long month', 'Jun 14 25:16:01 host app: hour 25']) assertContinuation(syslog, line);
    });
  });

  describe('syslog (RFC 5424 / ISO time)', () => {
    const syslog = builtin('syslog-iso');
    it('reads RFC 5424 with and without structured data', () => {
      assertParsed(syslog, "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8", {
        timestamp: utc(2003, 10, 11, 22, 14, 15, 3),
        level: Level.fatal,
        component: 'su',
        message: "'su root' failed for lonvick on /dev/pts/8",
      });
      assertParsed(syslog, '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - [exampleSDID@32473 iut="3" eventSource="App\\]"] %% It\'s time', {
        timestamp: utc(2003, 8, 24, 5, 14, 15),
        level: Level.notice,
        component: 'myproc',
        message: "%% It's time",
      });
    });
    it('reads the rsyslog layout with an ISO timestamp, zone not applied', () => {
      assertParsed(syslog, '2023-01-02T03:04:05.123456+01:00 web01 nginx[812]: upstream timed out', {
        timestamp: utc(2023, 1, 2, 3, 4, 5, 123),
        level: Level.unknown,
        component: 'nginx',
        message: 'upstream timed out',
      });
    });
    it('does not take log4j lines, even when the logger looks like a tag', () => {
      assertContinuation(syslog, '2023-01-02T03:04:05.678Z ERROR com.acme.Foo - msg');
      assertContinuation(syslog, '2023-01-02T03:04:05.678Z INFO app[12]: started');
    });
  });

  describe('log4j', () => {
    const log4j = builtin('log4j');
    it('reads the Hadoop layout', () => {
      assertParsed(log4j, '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001', {
        timestamp: utc(2015, 10, 18, 18, 1, 47, 978),
        level: Level.info,
        component: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster',
        message: 'Created MRAppMaster for application appattempt_1445144423722_0020_000001',
      });
      assertParsed(log4j, '2015-10-18 18:05:27,570 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.hdfs.LeaseRenewer: Failed to renew lease', {
        timestamp: utc(2015, 10, 18, 18, 5, 27, 570),
        level: Level.warning,
        component: 'org.apache.hadoop.hdfs.LeaseRenewer',
        message: 'Failed to renew lease',
      });
      assert.equal(parse(log4j, '2015-10-18 18:01:47,978 INFO org.apache.hadoop.hdfs.server.namenode.NameNode: STARTUP_MSG:')?.message, 'STARTUP_MSG:');
    });
    it('reads logback and plain ISO layouts', () => {
      assertParsed(log4j, '2023-01-02T03:04:05.678Z ERROR com.acme.Foo - msg', {
        timestamp: utc(2023, 1, 2, 3, 4, 5, 678),
        level: Level.error,
        component: 'com.acme.Foo',
        message: 'msg',
      });
      assertParsed(log4j, '2023-01-02 03:04:05.678 [http-nio-8080-exec-1] WARN  c.a.Foo - slow request: 2300 ms', {
        timestamp: utc(2023, 1, 2, 3, 4, 5, 678),
        level: Level.warning,
        component: 'c.a.Foo',
        message: 'slow request: 2300 ms',
      });
      assertParsed(log4j, '2023-01-02 03:04:05,000 [DEBUG] Starting server on port 80', {
        timestamp: utc(2023, 1, 2, 3, 4, 5),
        level: Level.debug,
        component: '',
        message: 'Starting server on port 80',
      });
    });
    it('reads the Spring Boot layout', () => {
      assertParsed(log4j, '2023-01-02 03:04:05.678  INFO 4242 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port(s): 8080 (http)', {
        timestamp: utc(2023, 1, 2, 3, 4, 5, 678),
        level: Level.info,
        component: 'o.s.b.w.embedded.tomcat.TomcatWebServer',
        message: 'Tomcat started on port(s): 8080 (http)',
      });
    });
    it('takes stack traces and lines without a level for continuations', () => {
      for (const line of [...JAVA_TRACE, 'STARTUP_MSG: Starting NameNode', '2023-01-02 03:04:05 hello without level']) assertContinuation(log4j, line);
    });
  });

  describe('zookeeper', () => {
    const zookeeper = builtin('zookeeper');
    it('takes the class as component and the text after "] - " as message', () => {
      assertParsed(zookeeper, '2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200', {
        timestamp: utc(2015, 7, 29, 17, 41, 44, 747),
        level: Level.info,
        component: 'FastLeaderElection',
        message: 'Notification time out: 3200',
      });
      assertParsed(zookeeper, '2015-07-29 19:04:29,071 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@688] - Send worker leaving thread', {
        timestamp: utc(2015, 7, 29, 19, 4, 29, 71),
        level: Level.warning,
        component: 'QuorumCnxManager$SendWorker',
        message: 'Send worker leaving thread',
      });
    });
    it('takes other lines for continuations', () => {
      for (const line of [...JAVA_TRACE, '2015-07-29 17:41:44,747 INFO [main] org.a.B: log4j, not zookeeper']) assertContinuation(zookeeper, line);
    });
  });

  describe('spark', () => {
    const spark = builtin('spark');
    it('reads yy/MM/dd timestamps, level, component and message', () => {
      assertParsed(spark, '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]', {
        timestamp: utc(2017, 6, 9, 20, 10, 40),
        level: Level.info,
        component: 'executor.CoarseGrainedExecutorBackend',
        message: 'Registered signal handlers for [TERM, HUP, INT]',
      });
      assertParsed(spark, '17/06/09 20:11:11 ERROR executor.Executor: Exception in task 0.0 in stage 1.0 (TID 1)', {
        timestamp: utc(2017, 6, 9, 20, 11, 11),
        level: Level.error,
        component: 'executor.Executor',
        message: 'Exception in task 0.0 in stage 1.0 (TID 1)',
      });
    });
    it('takes other lines for continuations', () => {
      for (const line of [...JAVA_TRACE, '2017/06/09 20:10:40 INFO x: four-digit year']) assertContinuation(spark, line);
    });
  });

  describe('apache-error', () => {
    const apache = builtin('apache-error');
    it('reads the 2.2 layout, keeping [client ...] in the message', () => {
      assertParsed(apache, '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties', {
        timestamp: utc(2005, 12, 4, 4, 47, 44),
        level: Level.notice,
        component: '',
        message: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      });
      assertParsed(apache, '[Sun Dec 04 07:45:45 2005] [error] [client 63.13.186.196] Directory index forbidden by rule: /var/www/html/', {
        timestamp: utc(2005, 12, 4, 7, 45, 45),
        level: Level.error,
        component: '',
        message: '[client 63.13.186.196] Directory index forbidden by rule: /var/www/html/',
      });
    });
    it('reads the 2.4 layout: module as component, microseconds, pid dropped', () => {
      assertParsed(apache, '[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] AH00037: Symbolic link not allowed', {
        timestamp: utc(2000, 10, 11, 14, 32, 52, 123),
        level: Level.error,
        component: 'core',
        message: '[client 1.2.3.4:5678] AH00037: Symbolic link not allowed',
      });
      assert.equal(parse(apache, '[Wed Oct 11 14:32:52 2000] [ssl:trace3] [pid 1] handshake')?.level, Level.trace);
    });
    it('takes other lines for continuations', () => {
      for (const line of ['plain text', '[Sun Dec 04 04:47:44 2005] [bogus] not a level', '[something] [error] x']) assertContinuation(apache, line);
    });
  });

  describe('jsonl', () => {
    const jsonl = builtin('jsonl');
    it('reads common field names', () => {
      assertParsed(jsonl, '{"time":"2023-01-02T03:04:05.678Z","level":"warn","msg":"disk almost full","logger":"storage"}', {
        timestamp: utc(2023, 1, 2, 3, 4, 5, 678),
        level: Level.warning,
        component: 'storage',
        message: 'disk almost full',
      });
      assertParsed(jsonl, '{"@timestamp":"2023-01-02T03:04:05Z","severity":"ERROR","message":"payment failed ","name":"billing"}', {
        timestamp: utc(2023, 1, 2, 3, 4, 5),
        level: Level.error,
        component: 'billing',
        message: 'payment failed',
      });
    });
    it('reads numeric pino levels and epoch times in ms or seconds', () => {
      assertParsed(jsonl, '{"level":50,"time":1672628645678,"pid":1,"hostname":"h","msg":"boom"}', {
        timestamp: 1672628645678,
        level: Level.error,
        component: '',
        message: 'boom',
      });
      assert.equal(parse(jsonl, '{"ts":1672628645.678,"level":"info","msg":"hi"}')?.timestamp, 1672628645678);
    });
    it('infers the level without a level field and keeps the whole line without a message field', () => {
      assert.equal(parse(jsonl, '{"message":"connection refused by peer"}')?.level, Level.error);
      assertParsed(jsonl, ' {"a":1}', { timestamp: NaN, level: Level.unknown, component: '', message: '{"a":1}' });
    });
    it('takes lines that are not JSON objects for continuations', () => {
      for (const line of ['not json', '{broken', '[1, 2]', '"text"', '\tat x.Y(Y.java:1)']) assertContinuation(jsonl, line);
    });
  });

  describe('generic', () => {
    const generic = resolveFormat('generic', []);
    it('finds a leading timestamp of common shapes and a level word', () => {
      assertParsed(generic, '2023-01-02 03:04:05 ERROR something broke', {
        timestamp: utc(2023, 1, 2, 3, 4, 5),
        level: Level.error,
        component: '',
        message: 'something broke',
      });
      assertParsed(generic, '2023/01/02 03:04:05.5 [WARN] slow', { timestamp: utc(2023, 1, 2, 3, 4, 5, 500), level: Level.warning, component: '', message: 'slow' });
      assertParsed(generic, '01/02/2023 03:04:05 PM - info: ready', { timestamp: utc(2023, 1, 2, 15, 4, 5), level: Level.info, component: '', message: 'ready' });
      assertParsed(generic, '1672628645 hello', { timestamp: 1672628645000, level: Level.unknown, component: '', message: 'hello' });
      assertParsed(generic, '1672628645678 | done', { timestamp: 1672628645678, level: Level.unknown, component: '', message: 'done' });
    });
    it('reads HealthApp- and Proxifier-like timestamps', () => {
      assertParsed(generic, '20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', {
        timestamp: utc(2017, 12, 23, 22, 15, 29, 606),
        level: Level.unknown,
        component: '',
        message: 'Step_LSC|30002312|onStandStepChanged 3579',
      });
      assertParsed(generic, '[10.30 16:49:06] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS', {
        timestamp: utc(2000, 10, 30, 16, 49, 6),
        level: Level.unknown,
        component: '',
        message: 'chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS',
      });
      assert.equal(parse(generic, '12:30:45 starting')?.timestamp, utc(2000, 1, 1, 12, 30, 45));
    });
    it('reads a level padded like a column after a comma', () => {
      assertParsed(generic, '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505', {
        timestamp: utc(2016, 9, 28, 4, 30, 30),
        level: Level.info,
        component: '',
        message: 'CBS    Loaded Servicing Stack v6.1.7601.23505',
      });
    });
    it('reads a level written before the timestamp', () => {
      assertParsed(generic, 'WARN  [2023-01-02 03:04:05] cache miss', { timestamp: utc(2023, 1, 2, 3, 4, 5), level: Level.warning, component: '', message: 'cache miss' });
    });
    it('never fails on a header line, inferring the level when no word gives it', () => {
      assertParsed(generic, 'no timestamp here', { timestamp: NaN, level: Level.unknown, component: '', message: 'no timestamp here' });
      assertParsed(generic, 'ERROR: disk full', { timestamp: NaN, level: Level.error, component: '', message: 'disk full' });
      assertParsed(generic, 'Error reading file', { timestamp: NaN, level: Level.error, component: '', message: 'Error reading file' });
      assertParsed(generic, '\u00e9t\u00e9 \uFFFD', { timestamp: NaN, level: Level.unknown, component: '', message: '\u00e9t\u00e9 \uFFFD' });
    });
    it('takes indented and stack-trace lines for continuations', () => {
      for (const line of [
        '\tat org.foo.Bar(Bar.java:12)',
        '  indented detail',
        'at com.foo.Bar.baz(Bar.java:1)',
        'Caused by: java.lang.IllegalStateException: x',
        '... 12 more',
        'Traceback (most recent call last):',
        '',
      ]) {
        assertContinuation(generic, line);
      }
    });
    it('takes lines without a timestamp for continuations when the sample is timestamped', () => {
      const sample = ['2023-01-02 03:04:05 first', '2023-01-02 03:04:06 second', '2023-01-02 03:04:07 third'];
      const timestamped = resolveFormat('generic', sample);
      assert.equal(parse(timestamped, '2023-01-02 03:04:08 fourth')?.message, 'fourth');
      assertContinuation(timestamped, 'ValueError: bad value');
      assert.equal(resolveFormat('generic', ['12:00:01 a', '12:00:02 b']).hasYear, false);
      assert.equal(timestamped.hasYear, true);
    });
  });
});
