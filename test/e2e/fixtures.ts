// Generates the fixture workspace a real VS Code opens: an HDFS-format log with planted anomalous
// lines and sessions (one of them carrying an HTML/JS payload), an empty file, a binary file and a
// file over 50 MB. Everything is derived from a seed, so a run is reproducible and the planted line
// numbers are known to the checks.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The payload must reach the screen as text; if it ever runs, it changes the title or sets a global. */
export const PAYLOAD = `<img src=x onerror="document.title='pwned'"><script>window.__pwned=1</script>`;

export interface FixtureWorkspace {
  readonly folder: string;
  readonly hdfsLog: LogFixture;
  readonly emptyLog: string;
  readonly binaryLog: string;
  readonly bigLog: string;
}

export interface LogFixture {
  readonly file: string;
  readonly lineCount: number;
  /** 1-based line numbers of the planted anomalous lines (rare templates, WARN/ERROR levels). */
  readonly anomalousLines: readonly number[];
  /** Block ids of the planted anomalous sessions (failed writes, exceptions, missing acks). */
  readonly anomalousBlocks: readonly string[];
  /** 1-based line number of the line that carries {@link PAYLOAD}; it is one of `anomalousLines`. */
  readonly payloadLine: number;
}

/** Mulberry32: small, fast, seeded; good enough to vary fixture lines. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Clock {
  /** Seconds since 2008-11-09 20:00:00, the start of the HDFS trace. */
  seconds: number;
}

function stamp(clock: Clock): string {
  const day = 9 + Math.floor((20 * 3600 + clock.seconds) / 86_400);
  const inDay = (20 * 3600 + clock.seconds) % 86_400;
  const two = (value: number) => String(value).padStart(2, '0');
  return `0811${two(day)} ${two(Math.floor(inDay / 3600))}${two(Math.floor((inDay % 3600) / 60))}${two(inDay % 60)}`;
}

function ip(random: () => number): string {
  return `10.251.${Math.floor(random() * 200) + 10}.${Math.floor(random() * 250) + 2}`;
}

/** The normal life of one HDFS block: allocated, received by three data nodes, acknowledged, stored. */
function normalSession(random: () => number, block: string): Array<[string, string, string]> {
  const size = 67108864 - (random() < 0.2 ? Math.floor(random() * 1_000_000) : 0);
  const nodes = [ip(random), ip(random), ip(random)];
  const lines: Array<[string, string, string]> = [
    ['INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_${String(Math.floor(random() * 2000)).padStart(6, '0')}_0/part-${String(Math.floor(random() * 2000)).padStart(5, '0')}. ${block}`],
  ];
  for (const node of nodes) lines.push(['INFO', 'dfs.DataNode$DataXceiver', `Receiving block ${block} src: /${ip(random)}:${40000 + Math.floor(random() * 20000)} dest: /${node}:50010`]);
  for (const [index, node] of nodes.entries()) {
    lines.push(['INFO', 'dfs.DataNode$PacketResponder', `PacketResponder ${index} for block ${block} terminating`]);
    lines.push(['INFO', 'dfs.DataNode$PacketResponder', `Received block ${block} of size ${size} from /${node}`]);
    lines.push(['INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${node}:50010 is added to ${block} size ${size}`]);
  }
  return lines;
}

/** Sessions that went wrong, each in a way HDFS's labelled anomalies do. */
const ANOMALOUS_SESSIONS: ReadonlyArray<(random: () => number, block: string) => Array<[string, string, string]>> = [
  (random, block) => [
    ['INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/part-00042. ${block}`],
    ['INFO', 'dfs.DataNode$DataXceiver', `Receiving block ${block} src: /${ip(random)}:50422 dest: /${ip(random)}:50010`],
    ['WARN', 'dfs.DataNode$DataXceiver', `writeBlock ${block} received exception java.io.IOException: Could not read from stream`],
    ['INFO', 'dfs.DataNode', `Exception in receiveBlock for block ${block} java.io.IOException: Connection reset by peer`],
    ['INFO', 'dfs.DataNode$PacketResponder', `PacketResponder ${block} 2 Exception java.io.EOFException`],
  ],
  (random, block) => [
    ['INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/part-00077. ${block}`],
    ['INFO', 'dfs.DataNode$DataXceiver', `Receiving block ${block} src: /${ip(random)}:50422 dest: /${ip(random)}:50010`],
    ['WARN', 'dfs.DataNode', `${ip(random)}:50010:Got exception while serving ${block} to /${ip(random)}: java.net.SocketTimeoutException: 480000 millis timeout`],
    ['ERROR', 'dfs.DataNode', `${ip(random)}:50010:DataXceiver: java.io.IOException: Block ${block} is not valid.`],
  ],
  (random, block) => [
    ['INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/part-00113. ${block}`],
    ['INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.delete: ${block} is added to invalidSet of ${ip(random)}:50010`],
    ['WARN', 'dfs.FSDataset', `Unexpected error trying to delete block ${block}. BlockInfo not found in volumeMap.`],
    ['INFO', 'dfs.FSNamesystem', `BLOCK* ask ${ip(random)}:50010 to replicate ${block} to datanode(s) ${ip(random)}:50010`],
  ],
];

function blockId(random: () => number): string {
  const magnitude = Math.floor(random() * 9e15) + 1e15;
  return `blk_${random() < 0.5 ? '-' : ''}${magnitude}`;
}

interface GeneratedLog {
  readonly text: string;
  readonly lineCount: number;
  readonly anomalousLines: number[];
  readonly anomalousBlocks: string[];
  readonly payloadLine: number;
}

/**
 * An HDFS log of `sessions` interleaved block sessions; `anomalousSessions` of them fail, and three
 * lone lines with rare templates are planted, the last one carrying the payload.
 */
export function generateHdfsLog(options: { seed: number; sessions: number; anomalousSessions: number }): GeneratedLog {
  const random = seededRandom(options.seed);
  const clock: Clock = { seconds: 0 };
  const anomalousAt = new Set<number>();
  while (anomalousAt.size < options.anomalousSessions) anomalousAt.add(5 + Math.floor(random() * (options.sessions - 10)));

  const lines: string[] = [];
  const anomalousLines: number[] = [];
  const anomalousBlocks: string[] = [];
  let payloadLine = 0;
  const emit = ([level, component, content]: [string, string, string], anomalous: boolean): void => {
    clock.seconds += random() < 0.7 ? 0 : 1;
    lines.push(`${stamp(clock)} ${Math.floor(random() * 3000) + 13} ${level} ${component}: ${content}`);
    if (anomalous) anomalousLines.push(lines.length);
  };

  const loneAnomalies: Array<{ at: number; line: [string, string, string]; payload: boolean }> = [
    { at: Math.floor(options.sessions * 0.25), line: ['ERROR', 'dfs.FSNamesystem', 'FATAL: NameNode edit log is corrupt, journal stream closed unexpectedly'], payload: false },
    { at: Math.floor(options.sessions * 0.5), line: ['WARN', 'dfs.DataNode', 'Disk /mnt/hadoop/dfs/data is 99% full, 12 MB left'], payload: false },
    { at: Math.floor(options.sessions * 0.75), line: ['WARN', 'dfs.DataNode$DataXceiver', `Unexpected client name ${PAYLOAD} rejected`], payload: true },
  ];

  // Sessions overlap the way real traces do: each new block's lines are spread over the next few.
  const pending: Array<Array<[string, string, string]>> = [];
  for (let session = 0; session < options.sessions; session += 1) {
    const block = blockId(random);
    if (anomalousAt.has(session)) {
      const make = ANOMALOUS_SESSIONS[anomalousBlocks.length % ANOMALOUS_SESSIONS.length]!;
      anomalousBlocks.push(block);
      // Anomalous sessions are emitted contiguously so their lines are easy to find in the editor.
      for (const line of make(random, block)) emit(line, line[0] !== 'INFO');
    } else {
      pending.push(normalSession(random, block));
    }
    for (const lone of loneAnomalies) {
      if (lone.at === session) {
        emit(lone.line, true);
        if (lone.payload) payloadLine = lines.length;
      }
    }
    while (pending.length > 3 || (session === options.sessions - 1 && pending.length > 0)) {
      const index = Math.floor(random() * pending.length);
      const queue = pending[index]!;
      emit(queue.shift()!, false);
      if (queue.length === 0) pending.splice(index, 1);
    }
  }
  return { text: `${lines.join('\n')}\n`, lineCount: lines.length, anomalousLines, anomalousBlocks, payloadLine };
}

/** Writes normal HDFS traffic until the file is larger than `bytes`. */
function writeBigLog(file: string, bytes: number, seed: number): void {
  const descriptor = fs.openSync(file, 'w');
  try {
    let written = 0;
    for (let chunk = 0; written <= bytes; chunk += 1) {
      const { text } = generateHdfsLog({ seed: seed + chunk, sessions: 2_000, anomalousSessions: 0 });
      written += fs.writeSync(descriptor, text);
    }
  } finally {
    fs.closeSync(descriptor);
  }
}

export const BIG_LOG_BYTES = 52 * 1024 * 1024;

/** Creates the workspace in `folder` (replacing what is there). */
export function createFixtureWorkspace(folder: string, seed = 20081109): FixtureWorkspace {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });

  const generated = generateHdfsLog({ seed, sessions: 300, anomalousSessions: 3 });
  const hdfsFile = path.join(folder, 'hdfs.log');
  fs.writeFileSync(hdfsFile, generated.text);

  const emptyLog = path.join(folder, 'empty.log');
  fs.writeFileSync(emptyLog, '');

  // Bytes a text decoder cannot make sense of: NULs, control bytes and invalid UTF-8.
  const random = seededRandom(seed + 1);
  const binary = Buffer.alloc(8192);
  for (let index = 0; index < binary.length; index += 1) binary[index] = index % 7 === 0 ? 0 : Math.floor(random() * 256);
  const binaryLog = path.join(folder, 'binary.log');
  fs.writeFileSync(binaryLog, binary);

  const bigLog = path.join(folder, 'big.log');
  writeBigLog(bigLog, BIG_LOG_BYTES, seed + 2);

  return {
    folder,
    hdfsLog: {
      file: hdfsFile,
      lineCount: generated.lineCount,
      anomalousLines: generated.anomalousLines,
      anomalousBlocks: generated.anomalousBlocks,
      payloadLine: generated.payloadLine,
    },
    emptyLog,
    binaryLog,
    bigLog,
  };
}
