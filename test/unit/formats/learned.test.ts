import assert from 'node:assert/strict';
import { detectFormat, Level, resolveFormat } from '../../../src/analysis';
import { createLearnedFormat, describeStructure } from '../../../src/analysis/formats';
import { learnHeader } from '../../../src/analysis/formats/learned/learn';
import { levelFromBunyan, levelFromLetter, levelFromSeverityNumber, levelFromSyslogPriority, levelFromWord } from '../../../src/analysis/formats/levels';
import { assertContinuation, assertParsed, parse, utc } from './helpers';

/** Made-up lines in the shapes of common logs that have no named reader. */
const LOGS = {
  pipes: [
    '20240105-10:15:29:606|Steps_Counter|4402|onStepChanged 812',
    '20240105-10:15:29:633|Steps_Utils|4402| getTotalSteps = 3579',
    '20240105-10:15:30:002|Steps_Receiver|4402|onReceive action: screen on',
  ],
  wrapped: [
    'INFO   | jvm 1    | 2015/04/28 18:40:00 | 2015-04-28 18:40:00,077 [Worker-8] INFO  com.acme.task.TaskJob - queue-default: bunch STARTED',
    'INFO   | jvm 1    | 2015/04/28 18:34:18 | 2015-04-28 18:34:18,872 [Thread-46] DEBUG com.acme.db.ConnectionManager - Adding resource a.xml',
    'STATUS | wrapper  | 2015/04/28 18:34:19 | Launching a JVM...',
    'INFO   | jvm 1    | 2015/04/28 18:34:20 | WrapperManager: Initializing...',
    'ERROR  | jvm 2    | 2015/04/28 18:34:21 | 2015-04-28 18:34:21,001 [main] ERROR com.acme.Main - boom',
  ],
  logcat: [
    '04-02 08:11:12.345  1702  2395 D Choreographer: skipped 31 frames',
    '04-02 08:11:12.400  1702  2395 I ActivityManager: start proc 4242:com.example/u0a12',
    '04-02 08:11:13.001  1702  1810 W PackageManager: slow scan of /data/app',
    '04-02 08:11:13.950  3310  3310 E AndroidRuntime: FATAL EXCEPTION: main',
  ],
  windows: [
    '2024-02-01 04:30:30, Info                  CBS    Loaded servicing stack v6.1 with core: C:\\stack\\core.dll',
    '2024-02-01 04:30:31, Info                  CSI    00000001 initialize called',
    '2024-02-01 04:30:32, Warning               CBS    Failed to load package [HRESULT = 0x800f0805]',
  ],
  openstackLike: [
    'api.log.1 2024-03-04 00:00:00.008 25746 INFO compute.api.server [req-3810 a113 b54f - - -] 10.1.1.1 "GET /v2/servers HTTP/1.1" status: 200',
    'api.log.1 2024-03-04 00:00:01.120 25746 INFO compute.api.server [req-9911 a113 b54f - - -] 10.1.1.2 "GET /v2/flavors HTTP/1.1" status: 200',
    'cpu.log.2 2024-03-04 00:00:04.500 2931 WARNING compute.manager [-] instance took 12 s to spawn',
  ],
  hpcLike: [
    '134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change: fan is unavailable',
    '134682 node-109 unix.hw state_change.unavailable 1077804743 1 Component State Change: psu is unavailable',
    '460753 node-41 node status 1085517180 1 running',
    '460754 node-42 node status 1085517181 1 running',
  ],
};

function learned(sample: readonly string[]) {
  return createLearnedFormat(learnHeader(sample));
}

describe('learned header', () => {
  it('reads |-separated columns: timestamp, component, pid, then the message', () => {
    const format = learned(LOGS.pipes);
    assertParsed(format, LOGS.pipes[1], { timestamp: utc(2024, 1, 5, 10, 15, 29, 633), level: Level.unknown, component: '', message: 'getTotalSteps = 3579' });
    assert.equal(describeStructure(format.headerProfile!), 'timestamp · name · number · message');
    // Past the header's timestamp, a word against an epoch is the message's.
    assert.equal(parse(format, '20240105-10:15:31:000|Steps_Counter|4402|onExtend:1704449729000 14 0 4')?.message, 'onExtend:1704449729000 14 0 4');
    // Minutes and seconds without their leading zero.
    assert.equal(parse(format, '20240105-10:1:5:778|Steps_Counter|4402|onStepChanged 813')?.timestamp, utc(2024, 1, 5, 10, 1, 5, 778));
  });

  it('takes a |-bounded column of words as one field: a service wrapper around a log4j line', () => {
    const format = learned(LOGS.wrapped);
    assertParsed(format, LOGS.wrapped[1], { timestamp: utc(2015, 4, 28, 18, 34, 18), level: Level.info, component: '', message: 'Adding resource a.xml' });
    assertParsed(format, LOGS.wrapped[2], { timestamp: utc(2015, 4, 28, 18, 34, 19), level: Level.unknown, component: '', message: 'Launching a JVM...' });
    assert.equal(parse(format, LOGS.wrapped[4])?.message, 'boom');
    // Words before a `|` that no `|` opens are the message's own (`GET /x | 200`).
    assert.equal(parse(learned(LOGS.pipes), '20240105-10:15:31:000|Steps_Counter|4402|GET /x | 200')?.message, 'GET /x | 200');
  });

  it('leaves a timestamp past a level that follows the line\'s own to the message', () => {
    const format = learned(LOGS.logcat);
    const line = '04-02 08:11:14.200  1702  2395 W [08:11:14.199301][wifi]scan_done: 12 results';
    assertParsed(format, line, { timestamp: utc(2000, 4, 2, 8, 11, 14, 200), level: Level.warning, component: '', message: '[08:11:14.199301][wifi]scan_done: 12 results' });
  });

  it('splits a tag written against its timestamp, and lines between such headers continue them', () => {
    const sample = [
      'amAudit:06/09/2014 02:49:59:447 PM UTC: Thread[http-80-1,5,main]',
      '**********************************************',
      'amAuth:06/09/2014 04:08:22:515 PM UTC: Thread[http-80-8,5,main]',
      'unable to locate message ID object for ATTEMPT_GET_METAALIAS',
    ];
    const format = learned(sample);
    assert.equal(parse(format, sample[2])?.timestamp, utc(2014, 6, 9, 16, 8, 22, 515));
    assert.equal(parse(format, sample[2])?.component, 'amAuth');
    assertContinuation(format, sample[1]);
    assertContinuation(format, sample[3]);
  });

  it("reads glog's level letter against the date, and the `file:line]` that closes its header", () => {
    const sample = [
      'I0105 10:15:29.606123    1234 controller.go:123] Starting controller',
      'W0105 10:15:30.001000    1234 reflector.go:424] watch of *v1.Pod ended with: too old resource version',
      'E0105 10:15:31.123456    1234 leaderelection.go:330] error retrieving resource lock',
    ];
    const format = learned(sample);
    assertParsed(format, sample[1], { timestamp: utc(2000, 1, 5, 10, 15, 30, 1), level: Level.warning, component: '', message: 'watch of *v1.Pod ended with: too old resource version' });
    assert.equal(parse(format, sample[2])?.level, Level.error);
    assert.equal(format.hasYear, false);
  });

  it('reads on through a field the sample did not show where a `-` follows it, in a header that holds one', () => {
    const sample = Array.from({ length: 40 }, (_, i) => `[10.30 16:49:${String(i).padStart(2, '0')}] chrome.exe - proxy.example.org:5070 open through proxy proxy.example.org:5070 HTTPS`);
    const format = learned(sample);
    assert.equal(parse(format, '[10.30 16:51:56] svchost.exe *64 - proxy.example.org:5070 close, 303 bytes sent, 275 bytes received')?.message, 'close, 303 bytes sent, 275 bytes received');
    // Not through words: a message's own ` - ` stays in it.
    assert.equal(parse(format, '[10.30 16:52:00] chrome.exe - proxy.example.org:5070 error : Could not connect - refused')?.message, 'Could not connect - refused');
  });

  it('reads pids, one-letter levels where the column says so, and the tag before a colon', () => {
    const format = learned(LOGS.logcat);
    assertParsed(format, LOGS.logcat[2], { timestamp: utc(2000, 4, 2, 8, 11, 13, 1), level: Level.warning, component: 'PackageManager', message: 'slow scan of /data/app' });
    assert.equal(parse(format, LOGS.logcat[3])?.level, Level.error);
    assert.equal(format.hasYear, false);
    // A capital letter that opens a message is not a level where the column holds none.
    assert.equal(parse(learned(LOGS.pipes), '20240105-10:15:31:000|Steps_Counter|4402|I restarted')?.message, 'I restarted');
  });

  it("reads logcat's brief and time formats: level letter, tag and pid in one field", () => {
    const brief = [
      '05-26 14:57:03.870 V/Configuration( 1766): Updating configuration, locales updated',
      '05-26 14:57:04.001 I/ActivityManager(  512): Start proc com.example for activity',
      '05-26 14:57:04.120 E/AndroidRuntime(12040): FATAL EXCEPTION: main',
    ];
    const format = learned(brief);
    assertParsed(format, brief[0], { timestamp: utc(2000, 5, 26, 14, 57, 3, 870), level: Level.trace, component: 'Configuration', message: 'Updating configuration, locales updated' });
    assertParsed(format, brief[1], { timestamp: utc(2000, 5, 26, 14, 57, 4, 1), level: Level.info, component: 'ActivityManager', message: 'Start proc com.example for activity' });
    assert.equal(parse(format, brief[2])?.level, Level.error);
  });

  it('leaves an event code before a colon in the message: it names what happened, not where', () => {
    const sample = [
      '[Tue Apr 04 06:18:29.712806 2017] [core:notice] [pid 17725] AH00094: Command line: httpd -D FOREGROUND',
      '[Tue Apr 04 06:18:30.001000 2017] [core:error] [pid 17726] AH00124: Request exceeded the limit of 10 redirects',
      '[Tue Apr 04 06:18:31.500000 2017] [ssl:warn] [pid 17727] AH01909: server certificate does not include an ID',
      '[Tue Apr 04 06:18:32.000000 2017] [mpm:notice] [pid 17728] AH00163: configured -- resuming normal operations',
    ];
    const format = learned(sample);
    assert.equal(parse(format, sample[1])?.message, 'AH00124: Request exceeded the limit of 10 redirects');
    assert.equal(parse(format, sample[1])?.level, Level.error);
    assert.equal(parse(learned(LOGS.logcat), LOGS.logcat[0])?.component, 'Choreographer', 'a tag in capitals and lower case is still a tag');
  });

  it('reads padded level words and columns (Windows CBS)', () => {
    const format = learned(LOGS.windows);
    assertParsed(format, LOGS.windows[2], { timestamp: utc(2024, 2, 1, 4, 30, 32), level: Level.warning, component: '', message: 'Failed to load package [HRESULT = 0x800f0805]' });
  });

  it('keeps a file name, pid, logger and request bracket out of the message', () => {
    const format = learned(LOGS.openstackLike);
    const line = parse(format, LOGS.openstackLike[1]);
    assert.equal(line?.message, '10.1.1.2 "GET /v2/flavors HTTP/1.1" status: 200');
    assert.equal(line?.level, Level.info);
    assert.equal(parse(format, LOGS.openstackLike[2])?.message, 'instance took 12 s to spawn');
  });

  it('takes every field up to a timestamp column as header, whatever its kind', () => {
    const format = learned(LOGS.hpcLike);
    assertParsed(format, LOGS.hpcLike[2], { timestamp: 1085517180000, level: Level.unknown, component: '', message: 'running' });
    assert.equal(parse(format, LOGS.hpcLike[0])?.message, 'Component State Change: fan is unavailable');
    // The flag column holds a signed number on some lines.
    assert.equal(parse(format, '2286759 full partition status 1085517182 -1 running')?.message, 'running');
  });

  it('reads bracketed timestamps with a level inside, program[pid], facility.level and <PRI>', () => {
    const rust = ['[2024-01-09T02:12:24Z ERROR server] bind failed', '[2024-01-09T02:12:25Z INFO server] retrying'];
    assertParsed(learned(rust), rust[0], { timestamp: utc(2024, 1, 9, 2, 12, 24), level: Level.error, component: '', message: 'bind failed' });
    const router = ['Mar  2 23:24:28 gw-1 user.warn dropbear[812]: bad password', 'Mar  2 23:24:29 gw-1 user.info dropbear[812]: login ok'];
    assertParsed(learned(router), router[0], { timestamp: utc(2000, 3, 2, 23, 24, 28), level: Level.warning, component: 'dropbear', message: 'bad password' });
    const priority = ['<11>2024-01-02T03:04:05Z disk failed', '<14>2024-01-02T03:04:06Z disk ok'];
    assert.equal(parse(learned(priority), priority[0])?.level, Level.error);
    assert.equal(parse(learned(priority), priority[1])?.message, 'disk ok');
  });

  it('reads a level letter or word right before a timestamp, program[pid] or a lone separator as a level, where the column is mixed', () => {
    const apache = [
      '[Tue Apr 04 06:18:29 2017] [notice] server started',
      '[Tue Apr 04 06:18:30 2017] [error] bad request',
      'W [04/Apr/2017:06:18:31 -0700] printer queue paused',
    ];
    assertParsed(learned(apache), apache[2], { timestamp: utc(2017, 4, 4, 6, 18, 31), level: Level.warning, component: '', message: 'printer queue paused' });
    const vcenter = [
      '2024-05-11T22:32:22.736Z info vpxd[1212] [Originator@6876 sub=Default] Registered handler',
      '2024-05-11T22:32:23.001Z verbose hostd[1300] [Originator@6876 sub=Vimsvc] Ticket issued',
      '2024-05-11T22:32:24.000Z Section for the service, pid=4774, version=7.0',
      '2024-05-11T22:32:25.000Z - time the service was last started',
    ];
    const format = learned(vcenter);
    assertParsed(format, vcenter[0], { timestamp: utc(2024, 5, 11, 22, 32, 22, 736), level: Level.info, component: 'vpxd', message: 'Registered handler' });
    assert.equal(parse(format, vcenter[1])?.level, Level.trace);
    assertParsed(format, '2024-05-11T22:32:27.000Z error : disk full', { timestamp: utc(2024, 5, 11, 22, 32, 27), level: Level.error, component: '', message: 'disk full' });
    // Not before a plain word.
    assert.equal(parse(format, '2024-05-11T22:32:26.000Z info about disk usage follows')?.message, 'info about disk usage follows');
  });

  it('reads on after a - separator where the sample shows a header field there', () => {
    const proxy = [
      '[10.30 16:49:06] chrome.exe - proxy.example.org:5070 open through proxy proxy.example.org:5070 HTTPS',
      '[10.30 16:49:07] chrome.exe - t12.example.com:80 close, 0 bytes sent, 0 bytes received',
      '[10.30 16:49:08] svchost.exe - mtalk.example.com:5228 open directly',
    ];
    assertParsed(learned(proxy), proxy[1], { timestamp: utc(2000, 10, 30, 16, 49, 7), level: Level.unknown, component: '', message: 'close, 0 bytes sent, 0 bytes received' });
    const plain = ['2024-04-24 19:52:02 - Starting server', '2024-04-24 19:52:03 - Listening on port 80', '2024-04-24 19:52:04 - Stopped'];
    assert.equal(parse(learned(plain), plain[1])?.message, 'Listening on port 80');
  });

  it('tells the first field of a kind from the second: what follows each is learned apart', () => {
    const proxy = [
      '[10.30 16:49:06] chrome.exe - proxy.example.org:5070 open through proxy',
      '[10.30 16:49:07] chrome.exe *64 - t12.example.com:80 close, 0 bytes sent',
      '[10.30 16:49:08] svchost.exe *64 - mtalk.example.com:5228 open directly',
    ];
    const format = learned(proxy);
    assert.equal(parse(format, proxy[0])?.message, 'open through proxy');
    assert.equal(parse(format, proxy[1])?.message, 'close, 0 bytes sent');
  });

  it('reads on to a level in capitals past a few fields the sample shows no column for (logs of mixed shapes)', () => {
    const mixed = [
      '2024-06-02 12:23:44,971 INFO server.Server Started in 812 ms',
      '2024-06-02 12:23:44,990 WARN server.Pool Pool nearly exhausted',
      '2024-06-02 12:23:45,001 Section for vdtc, pid=4774, version=7.0',
      '2024-06-02 12:23:46,118 Starting the service',
      '2024-06-02T12:12:38.414Z drainer-5  INFO  org.acme.TrustFactory Initializing trust store',
      '2024-06-02T12:12:39.002Z invocation-executor-1 operationID=4e54  DEBUG vim.Task Invoking getEvaluation',
    ];
    const format = learned(mixed);
    assertParsed(format, mixed[4], { timestamp: utc(2024, 6, 2, 12, 12, 38, 414), level: Level.info, component: '', message: 'Initializing trust store' });
    assert.equal(parse(format, mixed[5])?.level, Level.debug);
    assert.equal(parse(format, mixed[5])?.message, 'Invoking getEvaluation');
    // Past plain words it is the message's.
    assert.equal(parse(format, '2024-06-02 12:23:47,000 Service state: ERROR seen')?.message, 'Service state: ERROR seen');
  });

  it('reads a two-letter severity with its syslog priority in parentheses (ESXi In(14), Wa(180))', () => {
    const esxi = [
      '2024-06-02T02:56:51.640Z In(14) vmsyslogd[1001]: Logs rotated.',
      '2024-06-02T02:56:52.118Z Db(167) Hostd[1002]: New request',
      '2024-06-02T02:56:53.000Z Wa(180) vmkwarning: cpu0:2634 could not create group',
    ];
    const format = learned(esxi);
    assertParsed(format, esxi[0], { timestamp: utc(2024, 6, 2, 2, 56, 51, 640), level: Level.info, component: 'vmsyslogd', message: 'Logs rotated.' });
    assert.equal(parse(format, esxi[1])?.level, Level.debug);
    assertParsed(format, esxi[2], { timestamp: utc(2024, 6, 2, 2, 56, 53), level: Level.warning, component: 'vmkwarning', message: 'cpu0:2634 could not create group' });
  });

  it("keeps the kernel's seconds since boot after kernel: out of the message", () => {
    const syslog = [
      "Mar  4 19:26:07 gw-1 kernel: [ 1225.134675] conntrack: generic helper won't handle protocol 47",
      'Mar  4 19:26:09 gw-1 kernel: [1293512.217894] eth0: link up',
      'Mar  4 19:26:10 gw-1 sshd[812]: Accepted publickey for root',
    ];
    const format = learned(syslog);
    assertParsed(format, syslog[0], { timestamp: utc(2000, 3, 4, 19, 26, 7), level: Level.unknown, component: 'kernel', message: "conntrack: generic helper won't handle protocol 47" });
    assert.equal(parse(format, syslog[1])?.message, 'eth0: link up');
    assert.equal(parse(format, 'Mar  4 19:26:11 gw-1 kernel: [drm] GPU reset')?.message, '[drm] GPU reset');
  });

  it('reads a timestamp or a level right after the tag that ends a header', () => {
    const tagged = ['2024-01-02 03:04:05 worker: ERROR: queue full', '2024-01-02 03:04:06 worker: retrying in 5 s', '2024-01-02 03:04:07 mailer: WARNING: slow SMTP'];
    assertParsed(learned(tagged), tagged[0], { timestamp: utc(2024, 1, 2, 3, 4, 5), level: Level.error, component: 'worker', message: 'queue full' });
    const slow = ['# Time: 2021-01-26T23:45:57.678222Z', '# User@Host: root[root] @ localhost []', '# Time: 2021-01-26T23:46:01.000000Z'];
    assert.equal(parse(learned(slow), slow[0])?.timestamp, utc(2021, 1, 26, 23, 45, 57, 678));
  });

  it('reads a level in capitals inside a long bracket of thread, level and logger', () => {
    const log4j = [
      '2022-06-02T12:23:44.971Z [syncaas-grpc-5  INFO  com.acme.topology.util.LookupServiceUtil  opId=] Local node id is 9c66',
      '2022-06-02T12:23:45.001Z [syncaas-grpc-7  WARN  com.acme.topology.util.LookupServiceUtil  opId=] Lookup took 812 ms',
    ];
    assertParsed(learned(log4j), log4j[1], { timestamp: utc(2022, 6, 2, 12, 23, 45, 1), level: Level.warning, component: '', message: 'Lookup took 812 ms' });
  });

  it('reads epochs in seconds with a fraction, in ms, µs and ns, and Mon-dd dates', () => {
    const strace = ['1697048351.000561 openat(AT_FDCWD, "/etc/hosts") = 3', '1697048351.004442 close(3) = 0'];
    assertParsed(learned(strace), strace[1], { timestamp: 1697048351004, level: Level.unknown, component: '', message: 'close(3) = 0' });
    assert.equal(parse(learned(['1700000000000000 tick', '1700000000000001 tock']), '1700000000000000 tick')?.timestamp, 1700000000000);
    assert.equal(parse(learned(['1700000000000000000 tick', '1700000000000000001 tock']), '1700000000000000000 tick')?.timestamp, 1700000000000);
    const nextflow = ['Mar-18 21:41:15.684 [main] DEBUG nf.Launcher - run started', 'Mar-18 21:41:16.001 [main] INFO nf.Session - session ok'];
    assertParsed(learned(nextflow), nextflow[1], { timestamp: utc(2000, 3, 18, 21, 41, 16, 1), level: Level.info, component: '', message: 'session ok' });
    const dated = ['Sat Apr 27 03:33:07 PDT 2013 backup started', 'Sat Apr 27 04:00:00 PDT 2013 backup done'];
    assert.equal(parse(learned(dated), dated[1])?.timestamp, utc(2013, 4, 27, 4));
    assert.equal(parse(learned(dated), dated[1])?.message, 'backup done');
    // A count of ten digits is not a time outside 2000-2099.
    assert.equal(parse(learned(['0000000042 items', '0000000043 items']), '0000000042 items')?.timestamp, NaN);
  });

  it('continues the entry above on lines without the header: stack traces, SQL, wrapped text', () => {
    const sample = [
      '2024-01-02 03:04:05,000 ERROR [main] query failed',
      'SELECT id, name',
      '  FROM users WHERE id = 4',
      '2024-01-02 03:04:06,000 INFO [main] retry ok',
      'java.lang.IllegalStateException: closed',
      '\tat com.acme.Db.run(Db.java:12)',
      '2024-01-02 03:04:07,000 INFO [main] done',
    ];
    const format = learned(sample);
    for (const line of sample.filter((_, i) => i !== 0 && i !== 3 && i !== 6)) assertContinuation(format, line);
    assert.equal(parse(format, sample[3])?.message, 'retry ok');
  });

  it('reads a log whose header cannot be learned as message only, and says so', () => {
    const prose = ['the quick brown fox', 'jumps over the lazy dog', 'and runs away'];
    const format = learned(prose);
    assert.equal(describeStructure(format.headerProfile!), 'message only, no header found');
    assertParsed(format, prose[1], { timestamp: NaN, level: Level.unknown, component: '', message: prose[1] });
  });

  it('leaves a weak field that would take the whole rest of the line as the message', () => {
    const sample = ['2020-05-11T22:32:22.932Z [main] started', '2020-05-11T22:32:23.000Z [main] ready', '2020-05-11T22:32:24.000Z [/etc/init.d/vvold[1787]: WaitVvold created]'];
    const format = learned(sample);
    assert.equal(parse(format, sample[1])?.message, 'ready');
    assert.equal(parse(format, sample[2])?.message, '[/etc/init.d/vvold[1787]: WaitVvold created]');
  });

  it('leaves a message that opens with a plain or capitalised word alone', () => {
    const sample = ['2024-01-02 03:04:05 Starting server on port 80', '2024-01-02 03:04:06 Error reading config', '2024-01-02 03:04:07 Stopped'];
    const format = learned(sample);
    assert.equal(parse(format, sample[0])?.message, 'Starting server on port 80');
    assert.equal(parse(format, sample[1])?.message, 'Error reading config');
  });

  it('is chosen by auto where a named format keeps header fields in the message, and by name', () => {
    const python = [
      '2024-04-24 22:09:15,968 INFO [main] [server.py:47] [trace_id=f63b span_id=e784] - Receive request for ids 4',
      '2024-04-24 22:09:16,001 WARNING [main] [server.py:52] [trace_id=a1b2 span_id=c3d4] - Slow answer in 812 ms',
    ];
    const format = detectFormat(python);
    assert.equal(format.name, 'learned');
    assert.equal(parse(format, python[1])?.message, 'Slow answer in 812 ms');
    assert.equal(resolveFormat('learned', python).name, 'learned');
    // The exact named readers keep their lines.
    assert.equal(detectFormat(['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865 terminating']).name, 'hdfs');
  });
});

describe('level table', () => {
  it('maps words of many schemes onto the seven levels', () => {
    const words: [string, Level][] = [
      ['SEVERE', Level.error], ['FINE', Level.debug], ['FINEST', Level.trace], ['CONFIG', Level.info], ['CRITICAL', Level.fatal],
      ['Information', Level.info], ['Warning', Level.warning], ['Note', Level.notice], ['LOG', Level.info], ['DETAIL', Level.info],
      ['HINT', Level.info], ['crit', Level.fatal], ['emerg', Level.fatal], ['alert', Level.fatal], ['notice', Level.notice], ['nonsense', Level.unknown],
    ];
    for (const [word, level] of words) assert.equal(levelFromWord(word), level, word);
  });

  it('maps letters, syslog priorities, bunyan numbers and OpenTelemetry severity numbers', () => {
    assert.deepEqual([...'VDIWEFX'].map((c) => levelFromLetter(c.charCodeAt(0))), [Level.trace, Level.debug, Level.info, Level.warning, Level.error, Level.fatal, Level.unknown]);
    assert.deepEqual([8, 11, 12, 13, 14, 15].map(levelFromSyslogPriority), [Level.fatal, Level.error, Level.warning, Level.notice, Level.info, Level.debug]);
    assert.deepEqual([10, 20, 30, 40, 50, 60, 5].map(levelFromBunyan), [Level.trace, Level.debug, Level.info, Level.warning, Level.error, Level.fatal, Level.unknown]);
    assert.deepEqual([1, 5, 9, 13, 17, 21, 0].map(levelFromSeverityNumber), [Level.trace, Level.debug, Level.info, Level.warning, Level.error, Level.fatal, Level.unknown]);
  });
});

describe('structured records', () => {
  const jsonl = resolveFormat('jsonl', []);
  const logfmt = resolveFormat('logfmt', []);

  it('finds the time, level and message keys of JSON lines wherever they are', () => {
    assertParsed(jsonl, '{"timestamp_ns":"1700000000000000000","severity_number":13,"body":"queue full","scope_name":"app.q"}', {
      timestamp: 1700000000000, level: Level.warning, component: 'app.q', message: 'queue full',
    });
    assertParsed(jsonl, '{"@timestamp":"2024-01-02T03:04:05Z","log":{"level":"error","logger":"db"},"message":"gone"}', {
      timestamp: utc(2024, 1, 2, 3, 4, 5), level: Level.error, component: 'db', message: 'gone',
    });
    assertParsed(jsonl, '{"ts":1700000000123,"log.level":"debug","fields":{"message":"tick"},"target":"clock"}', {
      timestamp: 1700000000123, level: Level.debug, component: 'clock', message: 'tick',
    });
    // MongoDB: extended JSON's $date, a one-letter severity, a one-letter component key.
    assertParsed(jsonl, '{"t":{"$date":"2024-01-05T10:15:30.001+00:00"},"s":"W","c":"CONTROL","id":22120,"msg":"Access control is not enabled"}', {
      timestamp: utc(2024, 1, 5, 10, 15, 30, 1), level: Level.warning, component: 'CONTROL', message: 'Access control is not enabled',
    });
  });

  it('reads logfmt, with quoted values, and is detected', () => {
    const line = 'time=2024-01-02T03:04:05Z level=warn msg="disk almost full" mount=/var';
    assertParsed(logfmt, line, { timestamp: utc(2024, 1, 2, 3, 4, 5), level: Level.warning, component: '', message: 'disk almost full' });
    assert.equal(parse(logfmt, 'ts=1700000000 lvl=info user=7 action=login')?.message, 'user=7 action=login');
    assertContinuation(logfmt, 'plain text line');
    assert.equal(detectFormat([line, 'time=2024-01-02T03:04:06Z level=info msg="ok"']).name, 'logfmt');
  });
});
