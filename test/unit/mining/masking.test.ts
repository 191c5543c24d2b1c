import assert from 'node:assert/strict';
import { DEFAULT_MINER_CONFIG, type MaskKind } from '../../../src/analysis/mining/config';
import { KEY_SEPARATOR, Masker, maskMessage, TokenKind } from '../../../src/analysis/mining/masking';

function masked(message: string): string {
  return maskMessage(message).text;
}

function numbers(message: string): readonly number[] {
  return maskMessage(message).numbers;
}

describe('maskMessage', () => {
  describe('masks each kind of variable', () => {
    const cases: [string, string][] = [
      // IPv4, with ports, prefixes and the slash Java puts in front
      ['from 10.251.42.84 now', 'from <IP> now'],
      ['src: /10.251.30.6:33145 dest:', 'src: /<IP>:<PORT> dest:'],
      ['to /10.251.90.64:', 'to /<IP>:'],
      ['route 10.0.0.0/8 added', 'route <IP>/<NUM> added'],
      ['10.251.30.85:50010:Got exception', '<IP>:<PORT>:Got exception'],
      ['Old: msra-sa-41/10.190.173.170:9000', 'Old: msra-<ID>/<IP>:<PORT>'],
      ['[client 222.166.160.184] Directory', '[client <IP>] Directory'],
      // IPv6
      ['link fe80::1ff:fe23:4567:890a up', 'link <IP> up'],
      ['peer fe80::1%eth0 and ::1 and 2001:db8:0:0:0:0:2:1', 'peer <IP> and <IP> and <IP>'],
      ['mapped ::ffff:10.0.0.1 ok', 'mapped <IP> ok'],
      // host names and host:port
      ['at MSRA-SA-39.fareast.corp.microsoft.com:28345,', 'at <HOST>:<PORT>,'],
      ['proxy : 04DN8IQ.fareast.corp.microsoft.com:54883', 'proxy : <HOST>:<PORT>'],
      ['server: msra-sa-41:8030. Already', 'server: <HOST>:<PORT>. Already'],
      ['to localhost:8080 ok', 'to <HOST>:<PORT> ok'],
      ['getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed', 'getaddrinfo for <HOST> [<IP>] failed'],
      ['rhost=5.36.59.76.dynamic-dsl-ip.omantel.net.om', 'rhost=<HOST>'],
      // numbers: integers, negatives, decimals, exponents, units
      ['Got assigned task 1354', 'Got assigned task <NUM>'],
      ['vCores:-17> and 0.023958297', 'vCores:<NUM>> and <NUM>'],
      ['took 65020ms (threshold=30000ms)', 'took <NUM>ms (threshold=<NUM>ms)'],
      ['size 64KB, 5.2 KB, 100% and 1e-3', 'size <NUM>KB, <NUM> KB, <NUM>% and <NUM>'],
      ['Finished task 3.0 in stage 0.0 (TID 3). 2703 bytes', 'Finished task <NUM> in stage <NUM> (TID <NUM>). <NUM> bytes'],
      ['Adding #0 tokens', 'Adding #<NUM> tokens'],
      // hex, UUIDs, MACs, Java object ids
      ['session 0x14ede63a5a70000 closed', 'session <HEX> closed'],
      ['checksum 33557fe4a1 done', 'checksum <HEX> done'],
      ['QuorumPeer$QuorumServer@33557fe4 and Foo@1a2b3c and Bar@7317849', 'QuorumPeer$QuorumServer@<HEX> and Foo@<HEX> and Bar@<HEX>'],
      ['request 7f8c7c4e-9a3b-4c2d-8f1e-2b3c4d5e6f70 done', 'request <UUID> done'],
      ['mac 00:1a:2b:3c:4d:5e and 00-1A-2B-3C-4D-5E', 'mac <MAC> and <MAC>'],
      // HDFS blocks and generated identifiers
      ['block blk_-6952295868487656571 terminating', 'block <BLK> terminating'],
      ['pool BP-1347369012-10.190.173.170-1444972147527:blk_1073743512_2731', 'pool BP-<ID>:<BLK>'],
      ['attempt_1445144423722_0020_m_000000_0 TaskAttempt', 'attempt_<ID> TaskAttempt'],
      ['[DFSClient_NONMAPREDUCE_1537864556_1] for', '[DFSClient_<ID>] for'],
      ['job_1445144423722_0020Job Transitioned', 'job_<ID> Transitioned'],
      ['Found block rdd_42_32 locally, core.2275, pool-1-thread-3', 'Found block rdd_<ID> locally, core.<ID>, pool-<ID>'],
      ['ids 1445144423722_0020 here', 'ids <ID> here'],
      // paths and URLs
      ['Deleting block blk_1 file /mnt/hadoop/dfs/data/current/subdir5/blk_1', 'Deleting block <BLK> file <PATH>'],
      ['ok /etc/httpd/conf/workers2.properties', 'ok <PATH>'],
      ['Error Path:/home/curi/.zookeeper Error:KeeperErrorCode', 'Error Path:<PATH> Error:KeeperErrorCode'],
      ['extract C:\\Users\\msrabi\\AppData\\Local\\Temp to', 'extract <PATH> to'],
      ['Input split: hdfs://10.10.34.11:9000/pjhe/logs/2kSOSP.log:21876+7292', 'Input split: <URL>'],
      ['Default file system [hdfs://msra-sa-41:9000]', 'Default file system [<URL>]'],
      ['listening on addresses :[akka.tcp://sparkExecutorActorSystem@mesos-slave-07:55904]', 'listening on addresses :[<URL>]'],
      // dates and times inside messages
      ['at Sun Jul 24 02:40:36 2005 from', 'at <DATE> from'],
      ['built on 06/10/2013 17:26 GMT', 'built on <DATE> <TIME> GMT'],
      ['Started at 2015-10-18T18:01:47.978Z, next 2015-10-18 18:01:48,963', 'Started at <DATE>, next <DATE> <TIME>'],
      ['[04/Dec/2005:04:47:44 +0000] GET', '[<DATE> <NUM>] GET'],
      ['lifetime 00:01 and Dec 10 06:55:46 LabSZ', 'lifetime <TIME> and <DATE> LabSZ'],
      // versions
      ['upgrade from 1.2.3 to 1.2.4', 'upgrade from <VER> to <VER>'],
    ];
    for (const [message, expected] of cases) {
      it(message, () => assert.equal(masked(message), expected));
    }
  });

  describe('leaves alone what is part of the message', () => {
    const untouched = [
      'jk2_init() Found child in scoreboard',
      'workerEnv.init() ok',
      'Failed password for root from ssh2',
      'loaded properties from hadoop-metrics2.properties',
      'Slf4jLogger started on x86_64 with log4j',
      'mapred.task.id is deprecated. Instead, use mapreduce.task.attempt.id',
      'Exception java.io.IOException: ZooKeeperServer not running',
      'Notification: FOLLOWING (n.state), LEADING (my state)',
      'Registering class org.apache.hadoop.mapreduce.v2.app.job.event.JobEventType',
      'Resolved rack to /default-rack',
      'PAM service(sshd) ignoring max retries;',
      'May the force be with you',
      'error state: caught end of stream exception',
    ];
    for (const message of untouched) {
      it(message, () => assert.equal(masked(message), message));
    }

    it('keeps a Java source file and masks only its line number', () => {
      assert.equal(masked('at com.example.Foo.bar(Foo.java:42)'), 'at com.example.Foo.bar(Foo.java:<NUM>)');
    });

    it('normalises runs of whitespace to single spaces', () => {
      assert.equal(masked('  to delete \t blk_1  '), 'to delete <BLK>');
    });
  });

  describe('numeric parameters', () => {
    it('gives the values of <NUM> tokens in order of appearance', () => {
      assert.deepEqual(numbers('Times: total = 1072, boot = 856, init = 210, finish = 6'), [1072, 856, 210, 6]);
      assert.deepEqual(numbers('vCores:-17 progress 0.37551183 and 1e-3'), [-17, 0.37551183, 0.001]);
    });

    it('leaves out ids, addresses, ports, hex, dates and versions', () => {
      assert.deepEqual(numbers('blk_-123 from /10.1.2.3:50010 session 0x1f at 2015-10-18 18:01:47 v 1.2.3 attempt_12_34'), []);
      assert.deepEqual(numbers('connection at Sun Jul 24 02:40:36 2005 took 5 ms'), [5]);
    });

    it('scales sizes to bytes and durations to milliseconds by their unit', () => {
      assert.deepEqual(numbers('estimated size 5.2 KB, free 80 B, capacity 17.7 GB'), [5.2 * 1024, 80, 17.7 * 1024 ** 3]);
      assert.deepEqual(numbers('took 65020ms, then 2s, then 1.5 min, (1.16 KB) sent'), [65020, 2000, 90_000, 1.16 * 1024]);
      assert.deepEqual(numbers('100% done, 3 apples'), [100, 3]);
    });

    it('keeps every value of a collapsed list', () => {
      const result = maskMessage('mod_jk child init 1 -2');
      assert.equal(result.text, 'mod_jk child init <NUM>');
      assert.deepEqual(result.numbers, [1, -2]);
    });

    it('appends to the array it is given', () => {
      const masker = new Masker();
      const values = [99];
      masker.mask('a 1 b 2', values);
      masker.mask('at Jul 24 02:40:36 2005 took 3', values);
      assert.deepEqual(values, [99, 1, 2, 3]);
    });
  });

  describe('tokens', () => {
    it('splits key=value and key:value pairs after the delimiter, and marks what looks variable', () => {
      const masker = new Masker();
      masker.mask('uid=0 tty=ssh type:create ssh2 5.2 KB done');
      masker.materialise();
      assert.deepEqual(masker.tokens, ['uid=', '<NUM>', 'tty=', 'ssh', 'type:', 'create', 'ssh2', '<NUM> KB', 'done']);
      assert.deepEqual(masker.spaced, [true, false, true, false, true, false, true, true, true]);
      const { word, value, masked: mask } = TokenKind;
      assert.deepEqual(masker.kinds, [word, mask, word, word, word, word, value, mask, word]);
      assert.deepEqual(masker.key.split(KEY_SEPARATOR), masker.tokens);
    });

    it('keeps a number, its unit and a restatement of it in brackets as one token', () => {
      const tokensOf = (message: string): string[] => {
        const masker = new Masker();
        masker.mask(message);
        masker.materialise();
        return masker.tokens.slice();
      };
      assert.deepEqual(tokensOf('close, 0 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec'), [
        'close,',
        '<NUM> bytes',
        'sent,',
        '<NUM> bytes (<NUM> KB)',
        'received,',
        'lifetime',
        '<<NUM> sec',
      ]);
      assert.deepEqual(maskMessage('read 5.2 KB in 12 ms').numbers, [5324.8, 12], 'the unit still scales the value');
      assert.deepEqual(tokensOf('took 5 (about right)'), ['took', '<NUM>', '(about', 'right)'], 'a bracket after a bare number is not a restatement');
      assert.deepEqual(tokensOf('when 509267844 PendingIntent{f75f81e: done'), ['when', '<NUM>', 'PendingIntent{f75f81e:', 'done'], 'a word with digits is no unit');
    });

    it('collapses a list of the same mask into one token', () => {
      assert.equal(masked('ask 10.1.2.3:50010 to delete blk_1 blk_-2 blk_3'), 'ask <IP>:<PORT> to delete <BLK>');
      assert.equal(masked('nodes node-1 node-22 node-3 down, peers /10.0.0.1 /10.0.0.2'), 'nodes node-<ID> down, peers /<IP>');
      assert.equal(masked('sizes 1 KB 2 KB'), 'sizes <NUM> KB <NUM> KB', 'only masked tokens collapse');
      const kept = maskMessage('delete blk_1 blk_2', { ...DEFAULT_MINER_CONFIG, collapseRepeatedMasks: false });
      assert.equal(kept.text, 'delete <BLK> <BLK>');
    });

    it('splits only after the configured delimiters', () => {
      const config = { ...DEFAULT_MINER_CONFIG, extraDelimiters: '' };
      assert.deepEqual(maskMessage('uid=0 type:create', config).tokens, ['uid=<NUM>', 'type:create']);
    });

    it('masks only the enabled kinds', () => {
      const config = { ...DEFAULT_MINER_CONFIG, masks: ['number'] as MaskKind[] };
      assert.equal(maskMessage('from 10.1.2.3 took 5 ms blk_7', config).text, 'from 10.1.2.3 took <NUM> ms blk_7');
    });

    it('masks a message read from its ASCII bytes as it masks the string', () => {
      const header = '081109 203518 143 INFO dfs.DataNode: ';
      for (const message of ['Received block blk_-16 of size 67108864 from /10.251.42.84:50010', 'at Jul 24 02:40:36 2005 took 3.5 KB', 'uid=0 tty=ssh', '']) {
        const fromText = new Masker();
        const fromTextParams: number[] = [];
        fromText.mask(message, fromTextParams);
        const fromBytes = new Masker();
        const fromBytesParams: number[] = [];
        fromBytes.mask(message, fromBytesParams, new TextEncoder().encode(header + message + '  '), header.length);
        assert.deepEqual([fromBytes.hash(), [...fromBytes.shape()], fromBytesParams], [fromText.hash(), [...fromText.shape()], fromTextParams], message);
        fromText.materialise();
        fromBytes.materialise();
        assert.equal(fromBytes.key, fromText.key, message);
      }
    });

    it('hashes equal masked messages alike and compares their shapes exactly', () => {
      const masker = new Masker();
      masker.mask('Received block blk_1 of size 67108864 from /10.251.42.84');
      const hash = masker.hash();
      const shape = masker.shape();
      masker.mask('Received  block blk_-99 of size 5 from /10.0.0.1');
      assert.equal(masker.hash(), hash);
      assert.equal(masker.matchesShape(shape), true);
      masker.mask('Received block blk_1 of size 5 from host');
      assert.equal(masker.matchesShape(shape), false);
      assert.notEqual(masker.hash(), hash);
      // A prefix or an extension of the shape is not the shape.
      masker.mask('Received block blk_1 of size 5');
      assert.equal(masker.matchesShape(shape), false);
      masker.mask('Received block blk_1 of size 5 from /10.0.0.1 again');
      assert.equal(masker.matchesShape(shape), false);
    });

    it('stays linear on a long word full of delimiters', () => {
      // 230 kB: linear masking takes tens of milliseconds; trying every rest of the word as a whole took seconds.
      const query = Array.from({ length: 20_000 }, (_, i) => `key${i % 10}=v${i}`).join('&');
      const started = performance.now();
      const result = maskMessage(`GET ${query}`);
      assert.equal(result.tokens.length, 1 + 20_001);
      assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
    });

    it('handles empty, blank and very long messages', () => {
      assert.deepEqual(maskMessage(''), { text: '', tokens: [], numbers: [] });
      assert.deepEqual(maskMessage(' \t '), { text: '', tokens: [], numbers: [] });
      const long = Array.from({ length: 3000 }, (_, i) => `word${i % 7} value=${i}`).join(' ');
      const result = maskMessage(long);
      assert.equal(result.tokens.length, 3000 * 3);
      assert.equal(result.numbers.length, 3000);
      assert.equal(result.numbers[2999], 2999);
    });
  });
});
