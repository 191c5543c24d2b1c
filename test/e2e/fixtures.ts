// Generates the fixture workspace a real VS Code opens: an HDFS log (normal traffic from the shared
// seeded generator, scripts/hdfs-generator/) with planted anomalous lines and sessions (one
// line carrying an HTML/JS payload), an empty file, a binary file and a file over 50 MB. Everything
// is derived from a seed, so a run is reproducible and the planted line numbers are known to the checks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateHdfsLog as generateHdfsStream, generateHdfsLogText } from '../../scripts/hdfs-generator';
import { createRng } from '../../src/analysis';

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

/** Uniform draws in [0, 1) from the engine's seeded generator; picks where anomalies go and varies their details. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

type Event = readonly [level: string, component: string, content: string];

function ip(random: () => number): string {
  return `10.251.${Math.floor(random() * 200) + 10}.${Math.floor(random() * 250) + 2}`;
}

function blockId(random: () => number): string {
  return `blk_${random() < 0.5 ? '-' : ''}${Math.floor(random() * 9e15) + 1e15}`;
}

/** Sessions that went wrong, each in a way HDFS's labelled anomalies do; their WARN/ERROR lines are the planted lines. */
const ANOMALOUS_SESSIONS: ReadonlyArray<(random: () => number, block: string) => Event[]> = [
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

/** Lone lines with templates seen nowhere else; the last one carries the payload. */
const LONE_ANOMALIES: readonly Event[] = [
  ['ERROR', 'dfs.FSNamesystem', 'FATAL: NameNode edit log is corrupt, journal stream closed unexpectedly'],
  ['WARN', 'dfs.DataNode', 'Disk /mnt/hadoop/dfs/data is 99% full, 12 MB left'],
  ['WARN', 'dfs.DataNode$DataXceiver', `Unexpected client name ${PAYLOAD} rejected`],
];

export interface GeneratedLog {
  readonly text: string;
  readonly lineCount: number;
  readonly anomalousLines: number[];
  readonly anomalousBlocks: string[];
  readonly payloadLine: number;
}

/**
 * An HDFS log of `lines` lines of normal cluster traffic from the shared generator
 * (scripts/hdfs-generator/, no anomalies of its own), with `anomalousSessions` failed block
 * sessions and the lone anomalies planted in it at seeded places, each stamped with its
 * neighbour's time.
 */
export function generateHdfsLog(options: { seed: number; lines: number; anomalousSessions: number }): GeneratedLog {
  const random = seededRandom(options.seed);
  const normal = generateHdfsLogText({ lines: options.lines, seed: options.seed, anomalyRate: 0 }).text.trimEnd().split('\n');

  // Where each planted group goes: after which line of the normal traffic.
  const groups: Array<{ after: number; events: Event[]; block?: string; payload?: boolean }> = [];
  for (let session = 0; session < options.anomalousSessions; session += 1) {
    const block = blockId(random);
    const make = ANOMALOUS_SESSIONS[session % ANOMALOUS_SESSIONS.length]!;
    groups.push({ after: Math.floor(normal.length * (0.1 + 0.8 * random())), events: make(random, block), block });
  }
  LONE_ANOMALIES.forEach((event, index) => {
    groups.push({ after: Math.floor((normal.length * (index + 1)) / (LONE_ANOMALIES.length + 1)), events: [event], payload: index === LONE_ANOMALIES.length - 1 });
  });
  groups.sort((a, b) => a.after - b.after);

  const lines: string[] = [];
  const anomalousLines: number[] = [];
  const anomalousBlocks: string[] = [];
  let payloadLine = 0;
  let next = 0;
  for (const [index, line] of normal.entries()) {
    lines.push(line);
    for (; next < groups.length && groups[next]!.after === index; next += 1) {
      const group = groups[next]!;
      const stamp = line.slice(0, 13); // "yyMMdd HHmmss" of the line before
      if (group.block) anomalousBlocks.push(group.block);
      for (const [level, component, content] of group.events) {
        lines.push(`${stamp} ${Math.floor(random() * 3000) + 13} ${level} ${component}: ${content}`);
        if (level !== 'INFO') anomalousLines.push(lines.length);
        if (group.payload) payloadLine = lines.length;
      }
    }
  }
  return { text: `${lines.join('\n')}\n`, lineCount: lines.length, anomalousLines, anomalousBlocks, payloadLine };
}

/**
 * Writes HDFS traffic from the shared generator, with its usual share of failing blocks (a big log
 * where nothing failed has nothing to show), until the file is larger than `bytes`.
 */
function writeBigLog(file: string, bytes: number, seed: number): void {
  // The generator needs its line count up front: estimate it from a sample, with a margin.
  const sample = generateHdfsLogText({ lines: 5_000, seed }).text;
  const lines = Math.ceil((bytes / (sample.length / 5_000)) * 1.05);
  const descriptor = fs.openSync(file, 'w');
  try {
    let pending: string[] = [];
    const flush = () => {
      fs.writeSync(descriptor, `${pending.join('\n')}\n`);
      pending = [];
    };
    generateHdfsStream({ lines, seed }, {
      line: (text) => {
        pending.push(text);
        if (pending.length === 10_000) flush();
      },
      block: () => undefined,
      anomalousLine: () => undefined,
    });
    if (pending.length > 0) flush();
  } finally {
    fs.closeSync(descriptor);
  }
  if (fs.statSync(file).size <= bytes) throw new Error(`${file} came out at ${fs.statSync(file).size} bytes, not over ${bytes}`);
}

export const BIG_LOG_BYTES = 52 * 1024 * 1024;

/** Creates the workspace in `folder` (replacing what is there). */
export function createFixtureWorkspace(folder: string, seed = 20081109): FixtureWorkspace {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });

  const generated = generateHdfsLog({ seed, lines: 4_000, anomalousSessions: 3 });
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

/**
 * A copy of `source` in `folder` (replacing what is there), with the paths pointing into the copy.
 * Every run gets its own: a test that saves a file must not change what the next run sees.
 */
export function copyFixtureWorkspace(source: FixtureWorkspace, folder: string): FixtureWorkspace {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.cpSync(source.folder, folder, { recursive: true });
  const moved = (file: string) => path.join(folder, path.relative(source.folder, file));
  return {
    folder,
    hdfsLog: { ...source.hdfsLog, file: moved(source.hdfsLog.file) },
    emptyLog: moved(source.emptyLog),
    binaryLog: moved(source.binaryLog),
    bigLog: moved(source.bigLog),
  };
}

/** Copies `source` into `<dir>/workspace` and writes its description to `<dir>/fixture.json`. */
export function fixtureForRun(source: FixtureWorkspace, dir: string): { fixture: FixtureWorkspace; file: string } {
  const fixture = copyFixtureWorkspace(source, path.join(dir, 'workspace'));
  const file = path.join(dir, 'fixture.json');
  fs.writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
  return { fixture, file };
}
