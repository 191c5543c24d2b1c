import assert from 'node:assert/strict';
import { TemplateMiner, type MinedTemplates } from '../../../src/analysis/mining/drain';
import type { MinerConfig } from '../../../src/analysis/mining/config';

/** Mines `lines` with one miner and gives each line's template text. */
function templatesOf(lines: readonly string[], config?: Partial<MinerConfig>): string[] {
  const miner = new TemplateMiner(config);
  const clusters = lines.map((line) => miner.add(line));
  const { templateOfCluster, templates } = miner.snapshot();
  return clusters.map((cluster) => templates[templateOfCluster[cluster]].text);
}

/** Checks each line's template; lines with equal expected texts must share a template id, others not. */
function assertMined(cases: readonly (readonly [string, string])[], config?: Partial<MinerConfig>): void {
  const miner = new TemplateMiner(config);
  const clusters = cases.map(([line]) => miner.add(line));
  const { templateOfCluster, templates } = miner.snapshot();
  const ids = clusters.map((cluster) => templateOfCluster[cluster]);
  cases.forEach(([line, expected], i) => assert.equal(templates[ids[i]].text, expected, `template of: ${line}`));
  cases.forEach(([, expectedA], a) =>
    cases.forEach(([, expectedB], b) => assert.equal(ids[a] === ids[b], expectedA === expectedB, `grouping of lines ${a} and ${b}`)),
  );
  assert.equal(templates.length, new Set(cases.map(([, expected]) => expected)).size, 'one template per distinct expectation');
}

describe('TemplateMiner', () => {
  describe('golden templates', () => {
    it('HDFS', () =>
      assertMined([
        ['PacketResponder 1 for block blk_38865049064139660 terminating', 'PacketResponder <NUM> for block <BLK> terminating'],
        ['PacketResponder 0 for block blk_-6952295868487656571 terminating', 'PacketResponder <NUM> for block <BLK> terminating'],
        ['Received block blk_3587508140051953248 of size 67108864 from /10.251.42.84', 'Received block <BLK> of size <NUM> from /<IP>'],
        ['Received block blk_-5815145248455404269 of size 67108864 from /10.251.121.224', 'Received block <BLK> of size <NUM> from /<IP>'],
        ['Receiving block blk_5792489080791696128 src: /10.251.30.6:33145 dest: /10.251.30.6:50010', 'Receiving block <BLK> src: /<IP>:<PORT> dest: /<IP>:<PORT>'],
        [
          'BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.73.220:50010 is added to blk_7128370237687728475 size 67108864',
          'BLOCK* NameSystem.addStoredBlock: blockMap updated: <IP>:<PORT> is added to <BLK> size <NUM>',
        ],
        [
          'BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_000590_0/part-00590. blk_-1727475099218615100',
          'BLOCK* NameSystem.allocateBlock: <PATH>. <BLK>',
        ],
        ['BLOCK* ask 10.250.18.114:50010 to delete  blk_-5140072410813878235', 'BLOCK* ask <IP>:<PORT> to delete <BLK>'],
        [
          'BLOCK* ask 10.251.126.5:50010 to delete  blk_-9016567407076718172 blk_-8695715290502978219 blk_-7168328752988473716',
          'BLOCK* ask <IP>:<PORT> to delete <BLK>',
        ],
        ['10.251.30.85:50010:Got exception while serving blk_-2918118818249673980 to /10.251.90.64:', '<IP>:<PORT>:Got exception while serving <BLK> to /<IP>:'],
        ['Deleting block blk_1781953582842324563 file /mnt/hadoop/dfs/data/current/subdir5/blk_1781953582842324563', 'Deleting block <BLK> file <PATH>'],
      ]));

    it('Hadoop (log4j): state transitions stay apart, class names are parameters (keeping their shared package)', () =>
      assertMined([
        ['attempt_1445144423722_0020_m_000000_0 TaskAttempt Transitioned from NEW to UNASSIGNED', 'attempt_<ID> TaskAttempt Transitioned from NEW to UNASSIGNED'],
        ['attempt_1445144423722_0020_m_000001_0 TaskAttempt Transitioned from NEW to UNASSIGNED', 'attempt_<ID> TaskAttempt Transitioned from NEW to UNASSIGNED'],
        ['attempt_1445144423722_0020_m_000000_0 TaskAttempt Transitioned from UNASSIGNED to ASSIGNED', 'attempt_<ID> TaskAttempt Transitioned from UNASSIGNED to ASSIGNED'],
        ['attempt_1445144423722_0020_m_000000_0 TaskAttempt Transitioned from ASSIGNED to RUNNING', 'attempt_<ID> TaskAttempt Transitioned from ASSIGNED to RUNNING'],
        [
          'attempt_1445144423722_0020_m_000002_0 TaskAttempt Transitioned from RUNNING to FAIL_CONTAINER_CLEANUP',
          'attempt_<ID> TaskAttempt Transitioned from RUNNING to FAIL_CONTAINER_CLEANUP',
        ],
        ['Progress of TaskAttempt attempt_1445144423722_0020_m_000000_0 is : 0.023958297', 'Progress of TaskAttempt attempt_<ID> is : <NUM>'],
        ['Progress of TaskAttempt attempt_1445144423722_0020_m_000001_0 is : 0.37551183', 'Progress of TaskAttempt attempt_<ID> is : <NUM>'],
        ['Address change detected. Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000', 'Address change detected. Old: msra-<ID>/<IP>:<PORT> New: <HOST>:<PORT>'],
        [
          'Failed to renew lease for [DFSClient_NONMAPREDUCE_1537864556_1] for 30 seconds.  Will retry shortly ...',
          'Failed to renew lease for [DFSClient_<ID>] for <NUM> seconds. Will retry shortly ...',
        ],
        [
          'Failed to renew lease for [DFSClient_NONMAPREDUCE_1537864556_1] for 356 seconds.  Will retry shortly ...',
          'Failed to renew lease for [DFSClient_<ID>] for <NUM> seconds. Will retry shortly ...',
        ],
        [
          'Registering class org.apache.hadoop.mapreduce.jobhistory.EventType for class org.apache.hadoop.mapreduce.jobhistory.JobHistoryEventHandler',
          'Registering class org.apache.hadoop.mapreduce.<*> for class org.apache.hadoop.mapreduce.<*>',
        ],
        [
          'Registering class org.apache.hadoop.mapreduce.v2.app.job.event.JobEventType for class org.apache.hadoop.mapreduce.v2.app.MRAppMaster$JobEventDispatcher',
          'Registering class org.apache.hadoop.mapreduce.<*> for class org.apache.hadoop.mapreduce.<*>',
        ],
        [
          'Registering class org.apache.hadoop.mapreduce.v2.app.job.event.TaskEventType for class org.apache.hadoop.mapreduce.v2.app.MRAppMaster$TaskEventDispatcher',
          'Registering class org.apache.hadoop.mapreduce.<*> for class org.apache.hadoop.mapreduce.<*>',
        ],
        ['Opening proxy : 04DN8IQ.fareast.corp.microsoft.com:54883', 'Opening proxy : <HOST>:<PORT>'],
        ['Opening proxy : MININT-FNANLI5.fareast.corp.microsoft.com:52368', 'Opening proxy : <HOST>:<PORT>'],
        ['Recalculating schedule, headroom=<memory:10240, vCores:-17>', 'Recalculating schedule, headroom=<memory:<NUM>, vCores:<NUM>>'],
        ['Recalculating schedule, headroom=<memory:0, vCores:-27>', 'Recalculating schedule, headroom=<memory:<NUM>, vCores:<NUM>>'],
      ]));

    it('Spark: two recurring words name two events; units after numbers vary', () =>
      assertMined([
        [
          'Block broadcast_9_piece0 stored as bytes in memory (estimated size 5.2 KB, free 5.2 KB)',
          'Block <*> stored as bytes in memory (estimated size <NUM> <*>, free <NUM> KB)',
        ],
        [
          'Block broadcast_40_piece0 stored as bytes in memory (estimated size 6.0 KB, free 874.3 KB)',
          'Block <*> stored as bytes in memory (estimated size <NUM> <*>, free <NUM> KB)',
        ],
        ['Block rdd_2_0 stored as bytes in memory (estimated size 80.0 B, free 5.3 KB)', 'Block <*> stored as bytes in memory (estimated size <NUM> <*>, free <NUM> KB)'],
        [
          'Block broadcast_9 stored as values in memory (estimated size 8.8 KB, free 14.0 KB)',
          'Block <*> stored as values in memory (estimated size <NUM> <*>, free <NUM> KB)',
        ],
        ['Finished task 3.0 in stage 0.0 (TID 3). 2703 bytes result sent to driver', 'Finished task <NUM> in stage <NUM> (TID <NUM>). <NUM> bytes result sent to driver'],
        ['Found block rdd_2_0 locally', 'Found block rdd_<ID> locally'],
        ['Found block rdd_42_32 locally', 'Found block rdd_<ID> locally'],
        ['Times: total = 1072, boot = 856, init = 210, finish = 6', 'Times: total = <NUM>, boot = <NUM>, init = <NUM>, finish = <NUM>'],
        ['Reading broadcast variable 9 took 160 ms', 'Reading broadcast variable <NUM> took <NUM> ms'],
        ['Running task 0.0 in stage 0.0 (TID 0)', 'Running task <NUM> in stage <NUM> (TID <NUM>)'],
      ]));

    it('Zookeeper: one template per combination of states', () => {
      const notification = (leader: string, state: string, mine: string) =>
        `Notification: ${leader} (n.leader), 0x100001564 (n.zxid), 0x3 (n.round), ${state} (n.state), ${leader} (n.sid), 0x2 (n.peerEPoch), ${mine} (my state)`;
      const template = (state: string, mine: string) =>
        `Notification: <NUM> (n.leader), <HEX> (n.zxid), <HEX> (n.round), ${state} (n.state), <NUM> (n.sid), <HEX> (n.peerEPoch), ${mine} (my state)`;
      assertMined([
        ['Received connection request /10.10.34.11:45307', 'Received connection request /<IP>:<PORT>'],
        ['Received connection request /10.10.34.12:53230', 'Received connection request /<IP>:<PORT>'],
        [
          'Established session 0x14ed93111f20027 with negotiated timeout 10000 for client /10.10.34.13:37177',
          'Established session <HEX> with negotiated timeout <NUM> for client /<IP>:<PORT>',
        ],
        ['Expiring session 0x24ede63a01b003b, timeout of 10000ms exceeded', 'Expiring session <HEX>, timeout of <NUM>ms exceeded'],
        ['Connection broken for id 188978561024, my id = 1, error =', 'Connection broken for id <NUM>, my id = <NUM>, error ='],
        [notification('3', 'FOLLOWING', 'FOLLOWING'), template('FOLLOWING', 'FOLLOWING')],
        [notification('2', 'FOLLOWING', 'LEADING'), template('FOLLOWING', 'LEADING')],
        [notification('3', 'LOOKING', 'LOOKING'), template('LOOKING', 'LOOKING')],
        [notification('1', 'FOLLOWING', 'FOLLOWING'), template('FOLLOWING', 'FOLLOWING')],
        [
          'Got user-level KeeperException when processing sessionid:0x34ed93485090001 type:create cxid:0x55b8bb0f zxid:0x100000010 txntype:-1 reqpath:n/a Error Path:/home/curi/.zookeeper Error:KeeperErrorCode = NodeExists for /home/curi/.zookeeper',
          'Got user-level KeeperException when processing sessionid:<HEX> type:create cxid:<HEX> zxid:<HEX> txntype:<NUM> reqpath:n/a Error Path:<PATH> Error:KeeperErrorCode = NodeExists for <PATH>',
        ],
      ]);
    });

    it('OpenSSH: user names and remote hosts are parameters', () =>
      assertMined([
        ['Failed password for root from 5.36.59.76 port 42393 ssh2', 'Failed password for <*> from <IP> port <NUM> ssh2'],
        ['Failed password for uucp from 183.62.140.253 port 36300 ssh2', 'Failed password for <*> from <IP> port <NUM> ssh2'],
        ['Failed password for git from 103.99.0.122 port 52683 ssh2', 'Failed password for <*> from <IP> port <NUM> ssh2'],
        ['Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2', 'Failed password for invalid user webmaster from <IP> port <NUM> ssh2'],
        ['Invalid user webmaster from 173.234.31.186', 'Invalid user <*> from <IP>'],
        ['Invalid user test from 103.99.0.122', 'Invalid user <*> from <IP>'],
        ['Invalid user admin from 5.188.10.180', 'Invalid user <*> from <IP>'],
        [
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76.dynamic-dsl-ip.omantel.net.om  user=root',
          'pam_unix(sshd:auth): authentication failure; logname= uid=<NUM> euid=<NUM> tty=ssh ruser= rhost=<*> user=root',
        ],
        [
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=183.62.140.253  user=root',
          'pam_unix(sshd:auth): authentication failure; logname= uid=<NUM> euid=<NUM> tty=ssh ruser= rhost=<*> user=root',
        ],
        [
          'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
          'reverse mapping checking getaddrinfo for <HOST> [<IP>] failed - POSSIBLE BREAK-IN ATTEMPT!',
        ],
        ['Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]', 'Received disconnect from <IP>: <NUM>: Bye Bye [preauth]'],
        [
          'PAM 1 more authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.188.10.180',
          'PAM <NUM> more authentication failure; logname= uid=<NUM> euid=<NUM> tty=ssh ruser= rhost=<IP>',
        ],
        [
          'PAM 4 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.188.10.180',
          'PAM <NUM> more authentication failures; logname= uid=<NUM> euid=<NUM> tty=ssh ruser= rhost=<IP>',
        ],
      ]));

    it('Apache', () =>
      assertMined([
        ['jk2_init() Found child 6725 in scoreboard slot 10', 'jk2_init() Found child <NUM> in scoreboard slot <NUM>'],
        ['jk2_init() Found child 6726 in scoreboard slot 8', 'jk2_init() Found child <NUM> in scoreboard slot <NUM>'],
        ['workerEnv.init() ok /etc/httpd/conf/workers2.properties', 'workerEnv.init() ok <PATH>'],
        ['mod_jk child workerEnv in error state 6', 'mod_jk child workerEnv in error state <NUM>'],
        ['[client 222.166.160.184] Directory index forbidden by rule: /var/www/html/', '[client <IP>] Directory index forbidden by rule: <PATH>'],
        ["jk2_init() Can't find child 1566 in scoreboard", "jk2_init() Can't find child <NUM> in scoreboard"],
        ['mod_jk child init 1 -2', 'mod_jk child init <NUM>'],
      ]));

    it('BGL', () =>
      assertMined([
        ['instruction cache parity error corrected', 'instruction cache parity error corrected'],
        ['data cache parity error corrected', 'data cache parity error corrected'],
        ['generating core.2275', 'generating core.<ID>'],
        ['generating core.862', 'generating core.<ID>'],
        ['CE sym 2, at 0x0b85eee0, mask 0x05', 'CE sym <NUM>, at <HEX>, mask <HEX>'],
        [
          'ciod: failed to read message prefix on control stream (CioStream socket to 172.16.96.116:33569',
          'ciod: failed to read message prefix on control stream (CioStream socket to <IP>:<PORT>',
        ],
        ['63543 double-hummer alignment exceptions', '<NUM> double-hummer alignment exceptions'],
      ]));

    it('syslog-style messages with dates inside', () =>
      assertMined([
        ['session opened for user root by (uid=0)', 'session opened for user root by (uid=<NUM>)'],
        ['session closed for user root', 'session closed for user root'],
        ['connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at Sun Jul 24 02:40:36 2005', 'connection from <IP> (<*>) at <DATE>'],
        ['connection from 220.82.197.48 () at Mon Jul 25 06:35:47 2005', 'connection from <IP> (<*>) at <DATE>'],
        ['ALERT exited abnormally with [1]', 'ALERT exited abnormally with [<NUM>]'],
      ]));

    it('JSON-ish and key=value messages', () =>
      assertMined([
        ['{"event":"login","user":"alice","ip":"10.0.0.5","ms":153}', '{"event":"login","user":"<*>","ip":"<IP>","ms":<NUM>}'],
        ['{"event":"login","user":"bob","ip":"10.0.0.7","ms":12}', '{"event":"login","user":"<*>","ip":"<IP>","ms":<NUM>}'],
        ['{"event":"login","user":"carol","ip":"10.0.0.9","ms":40}', '{"event":"login","user":"<*>","ip":"<IP>","ms":<NUM>}'],
        ['{"event":"logout","user":"alice","ip":"10.0.0.5","ms":3}', '{"event":"logout","user":"alice","ip":"<IP>","ms":<NUM>}'],
        ['request id=7f8c7c4e-9a3b-4c2d-8f1e-2b3c4d5e6f70 status=200 took=12ms', 'request id=<UUID> status=<NUM> took=<NUM>ms'],
        ['request id=0b5a1c2d-1111-4c2d-8f1e-2b3c4d5e6f70 status=404 took=3ms', 'request id=<UUID> status=<NUM> took=<NUM>ms'],
      ]));
  });

  describe('grouping rules', () => {
    it('keeps up to two plain words apart, and makes a third a parameter', () => {
      assert.deepEqual(templatesOf(['status of disk sda is ok', 'status of disk sdb is failed', 'status of disk sdc is ok']), [
        'status of disk <*> is ok',
        'status of disk <*> is failed',
        'status of disk <*> is ok',
      ]);
      assert.deepEqual(
        templatesOf(['status of disk sda is ok', 'status of disk sdb is failed', 'status of disk sdc is degraded']),
        Array(3).fill('status of disk <*> is <*>'),
      );
    });

    it('routes messages by their leading words, as Drain does', () => {
      assert.deepEqual(templatesOf(['disk sda failed', 'disk sdb failed', 'disk sdc failed']), ['disk sda failed', 'disk sdb failed', 'disk sdc failed']);
      assert.deepEqual(templatesOf(['disk sda failed', 'disk sdb failed', 'disk sdc failed'], { treeDepth: 1 }), Array(3).fill('disk <*> failed'));
    });

    it('keeps capitalised states apart up to maxCategoricalValues', () => {
      const states = ['NEW', 'RUNNING', 'FAILED', 'KILLED'];
      const lines = states.map((state) => `job job_1_2 moved to ${state}`);
      assert.deepEqual(templatesOf(lines), states.map((state) => `job job_<ID> moved to ${state}`));
      assert.deepEqual(templatesOf(lines, { maxCategoricalValues: 3 }), Array(4).fill('job job_<ID> moved to <*>'));
      assert.deepEqual(templatesOf(lines, { maxCategoricalValues: 0, maxCategoricalWords: 0 }), Array(4).fill('job job_<ID> moved to <*>'));
      const withPunctuation = states.map((state) => `job job_1_2 state=${state}, retries=0`);
      assert.deepEqual(templatesOf(withPunctuation), states.map((state) => `job job_<ID> state=${state}, retries=<NUM>`));
    });

    it('keeps capitalised codes with a version apart, and numbered instances of one code together', () => {
      const opened = ['HTTPS', 'SOCKS5', 'HTTPS'].map((protocol) => `www.example.com:443 open through proxy proxy.example.com:5070 ${protocol}`);
      assert.deepEqual(templatesOf(opened), ['HTTPS', 'SOCKS5', 'HTTPS'].map((protocol) => `<HOST>:<PORT> open through proxy <HOST>:<PORT> ${protocol}`));
      const overrides = ['IRQ0', 'IRQ2', 'IRQ9'].map((irq) => `ACPI: ${irq} used by override.`);
      assert.deepEqual(templatesOf(overrides), Array(3).fill('ACPI: <*> used by override.'));
    });

    it('routes a message that opens with a qualified name and a colon by what follows it', () => {
      const jobs = ['com.example.cache.daily', 'com.example.sync.hourly', 'org.example.backup.Weekly'];
      const lines = jobs.map((job) => `${job}: scheduler told me to run this job; however, the start time is not for 60 seconds.`);
      assert.deepEqual(templatesOf(lines), Array(3).fill('<*>: scheduler told me to run this job; however, the start time is not for <NUM> seconds.'));
      // Two names are still kept apart, as any two words; names without the colon route by value, as Drain does.
      assert.deepEqual(new Set(templatesOf(lines.slice(0, 2))).size, 2);
      assert.deepEqual(new Set(templatesOf(jobs.map((job) => `${job} is deprecated. Instead, use ${job}.v2`))).size, 3);
    });

    it('mines quantities with or without a restatement and their unit as one parameter', () =>
      assertMined([
        ['close, 0 bytes sent, 0 bytes received, lifetime <1 sec', 'close, <NUM> <*> sent, <NUM> <*> received, lifetime <*>'],
        ['close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:02', 'close, <NUM> <*> sent, <NUM> <*> received, lifetime <*>'],
        ['close, 451 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec', 'close, <NUM> <*> sent, <NUM> <*> received, lifetime <*>'],
        ['close, 1165 bytes (1.13 KB) sent, 783 bytes received, lifetime 00:01', 'close, <NUM> <*> sent, <NUM> <*> received, lifetime <*>'],
        ['open through proxy proxy.example.com:5070 HTTPS', 'open through proxy <HOST>:<PORT> HTTPS'],
      ]));

    it('merges templates that differ only where both have variables, unless told not to', () => {
      // Tokens with digits route to the wildcard branch and make the similarity low: Drain alone keeps three groups.
      const lines = ['worker w1 x1 y1 started', 'worker w2 x2 y2 started', 'worker w3 x3 y3 started'];
      assert.deepEqual(templatesOf(lines), Array(3).fill('worker <*> <*> <*> started'));
      assert.deepEqual(templatesOf(lines, { mergeVariablePositions: false }), ['worker w1 x1 y1 started', 'worker w2 x2 y2 started', 'worker w3 x3 y3 started']);
    });

    it('does not join messages of different lengths or different leading words', () => {
      assert.deepEqual(new Set(templatesOf(['Starting worker 1', 'Stopping worker 2', 'Starting worker 3 now'])).size, 3);
    });
  });

  describe('cluster ids and snapshots', () => {
    const lines = [
      'PacketResponder 1 for block blk_1 terminating',
      'Received block blk_2 of size 5 from /10.0.0.1',
      'PacketResponder 2 for block blk_3 terminating',
      'Invalid user alice from 10.0.0.2',
      'Invalid user bob from 10.0.0.3',
      'Invalid user carol from 10.0.0.4',
      '',
    ];

    it('numbers clusters 0, 1, 2... in order of appearance and returns the same id for the same shape', () => {
      const miner = new TemplateMiner();
      const ids = lines.map((line) => miner.add(line));
      assert.equal(ids[0], 0);
      assert.equal(ids[1], 1);
      assert.equal(ids[2], ids[0]);
      assert.equal(miner.clusterCount, Math.max(...ids) + 1);
      assert.equal(miner.add('PacketResponder 7 for block blk_-9 terminating'), ids[0]);
    });

    it('is deterministic: two miners give the same ids and texts', () => {
      const a = new TemplateMiner();
      const b = new TemplateMiner();
      assert.deepEqual(
        lines.map((line) => a.add(line)),
        lines.map((line) => b.add(line)),
      );
      assert.deepEqual(a.snapshot(), b.snapshot());
    });

    it('gives the same result with or without the shape cache', () => {
      const cached = new TemplateMiner();
      const uncached = new TemplateMiner({ cacheSize: 0 });
      const tiny = new TemplateMiner({ cacheSize: 1 });
      const ids = lines.map((line) => cached.add(line));
      assert.deepEqual(lines.map((line) => uncached.add(line)), ids);
      assert.deepEqual(lines.map((line) => tiny.add(line)), ids);
      assert.deepEqual(uncached.snapshot(), cached.snapshot());
    });

    it('gives dense template ids in order of first appearance, and a template for every cluster', () => {
      const miner = new TemplateMiner();
      const ids = lines.map((line) => miner.add(line));
      const { templateOfCluster, templates } = miner.snapshot();
      assert.equal(templateOfCluster.length, miner.clusterCount);
      const firstSeen = [...new Set(ids.map((id) => templateOfCluster[id]))];
      assert.deepEqual(firstSeen, templates.map((_, id) => id));
      assert.equal(templates[templateOfCluster[ids[3]]].text, 'Invalid user <*> from <IP>');
    });

    it('mines an empty message into an empty template', () => {
      const miner = new TemplateMiner();
      const empty = miner.add('');
      assert.equal(miner.add('   '), empty);
      const { templateOfCluster, templates } = miner.snapshot();
      assert.deepEqual(templates[templateOfCluster[empty]], { text: '', tokens: [] });
    });

    it('mines very long messages', () => {
      const long = (value: number) => `payload ${Array.from({ length: 2000 }, (_, i) => `field${i}=${value + i}`).join(' ')}`;
      const miner = new TemplateMiner();
      const params: number[] = [];
      const first = miner.add(long(1), params);
      assert.equal(miner.add(long(5)), first);
      assert.equal(params.length, 2000);
      const { templates, templateOfCluster } = miner.snapshot();
      assert.equal(templates[templateOfCluster[first]].tokens.length, 1 + 2 * 2000);
    });

    it('pushes the numeric parameters of each message', () => {
      const miner = new TemplateMiner();
      const params: number[] = [];
      miner.add('Times: total = 1072, boot = 856, init = 210, finish = 6', params);
      assert.deepEqual(params, [1072, 856, 210, 6]);
      params.length = 0;
      miner.add('Times: total = 43, boot = 14, init = 28, finish = 1', params);
      assert.deepEqual(params, [43, 14, 28, 1]);
      assert.doesNotThrow(() => miner.add('Times: total = 43, boot = 14, init = 28, finish = 1'));
    });

    it('leaves the miner unchanged when taking a snapshot, and may continue after it (baseline mode)', () => {
      const baseline = ['Got assigned task 1', 'Got assigned task 2', 'Running task 1.0 in stage 0.0 (TID 1)', 'Invalid user alice from 10.0.0.2'];
      const underTest = ['Got assigned task 3', 'Invalid user bob from 10.0.0.3', 'Invalid user carol from 10.0.0.9', 'Disk quota exceeded on /dev/sda1'];
      const continued = new TemplateMiner();
      const straight = new TemplateMiner();
      const baselineIds = baseline.map((line) => continued.add(line));
      const before: MinedTemplates = continued.snapshot();
      assert.deepEqual(continued.snapshot(), before, 'a snapshot is pure');
      const testIds = underTest.map((line) => continued.add(line));
      for (const line of [...baseline, ...underTest]) straight.add(line);
      const after = continued.snapshot();
      assert.deepEqual(after, straight.snapshot(), 'taking a snapshot did not change the mining');

      assert.equal(testIds[0], baselineIds[0], 'a known shape keeps its cluster');
      const newTemplate = after.templateOfCluster[testIds[3]];
      assert.ok(testIds[3] >= before.templateOfCluster.length, 'a new event gets a cluster id past the baseline');
      assert.ok(newTemplate >= before.templates.length, 'and a template id past the baseline templates');
      assert.equal(after.templates[newTemplate].text, 'Disk quota exceeded on <PATH>');
      for (const id of baselineIds) assert.ok(after.templateOfCluster[id] < before.templates.length);
      assert.equal(after.templates[after.templateOfCluster[baselineIds[3]]].text, 'Invalid user <*> from <IP>');
    });

    it('stops creating clusters at maxClusters', () => {
      const miner = new TemplateMiner({ maxClusters: 2 });
      const a = miner.add('alpha started');
      const b = miner.add('beta stopped');
      assert.equal(miner.add('gamma failed hard'), 2, 'a message that fits no group goes to one overflow cluster');
      assert.equal(miner.add('delta gone'), 2);
      assert.equal(miner.add('alpha started'), a);
      assert.equal(miner.add('beta stopped'), b);
      assert.equal(miner.clusterCount, 3);
      const { templateOfCluster, templates } = miner.snapshot();
      assert.equal(templates[templateOfCluster[2]].text, '<*>');
    });
  });
});
