/**
 * Small deterministic logs for pipeline tests, written line by line so each test states exactly
 * what it plants. The numbers come from a tiny LCG: tests must not depend on Math.random.
 */

export class Lcg {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** HDFS header: yyMMdd HHmmss pid LEVEL component: message */
function hdfsLine(second: number, level: string, component: string, message: string, rng: Lcg): string {
  const h = Math.floor(second / 3600) % 24;
  const m = Math.floor(second / 60) % 60;
  const s = second % 60;
  return `081109 ${pad(h, 2)}${pad(m, 2)}${pad(s, 2)} ${100 + rng.int(900)} ${level} ${component}: ${message}`;
}

function ip(rng: Lcg): string {
  return `10.250.${rng.int(20)}.${1 + rng.int(250)}`;
}

export interface HdfsOptions {
  readonly blocks: number;
  readonly seed: number;
  /** Blocks (by index) whose lifecycle stops after the receive steps. */
  readonly truncatedBlocks?: readonly number[];
  /** Extra lines inserted after the given line index. */
  readonly inserts?: ReadonlyMap<number, string>;
}

/**
 * Complete block lifecycles (allocate, receive x3, responder terminating x3, addStoredBlock x3),
 * interleaved in small groups; returns the lines and each block's id.
 */
export function hdfsLog(options: HdfsOptions): { lines: string[]; blockIds: string[] } {
  const rng = new Lcg(options.seed);
  const lines: string[] = [];
  const blockIds: string[] = [];
  let second = 20 * 3600;
  const truncated = new Set(options.truncatedBlocks ?? []);
  for (let b = 0; b < options.blocks; b++) {
    const id = `blk_${rng.next() < 0.5 ? '-' : ''}${1000000000000000000 + rng.int(899999999) * 1000000000 + rng.int(999999999)}`;
    blockIds.push(id);
    const nodes = [ip(rng), ip(rng), ip(rng)];
    second += rng.int(3);
    lines.push(hdfsLine(second, 'INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_${pad(b, 6)}_0/part-${pad(b, 5)}. ${id}`, rng));
    for (const node of nodes) {
      lines.push(hdfsLine(second, 'INFO', 'dfs.DataNode$DataXceiver', `Receiving block ${id} src: /${node}:${40000 + rng.int(20000)} dest: /${node}:50010`, rng));
    }
    if (truncated.has(b)) continue;
    second += 1 + rng.int(2);
    for (let r = 2; r >= 0; r--) {
      lines.push(hdfsLine(second, 'INFO', 'dfs.DataNode$PacketResponder', `PacketResponder ${r} for block ${id} terminating`, rng));
    }
    for (const node of nodes) {
      lines.push(hdfsLine(second, 'INFO', 'dfs.FSNamesystem', `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${node}:50010 is added to ${id} size 67108864`, rng));
    }
  }
  if (options.inserts) {
    const withInserts: string[] = [];
    lines.forEach((line, i) => {
      withInserts.push(line);
      const extra = options.inserts?.get(i);
      if (extra !== undefined) withInserts.push(extra);
    });
    return { lines: withInserts, blockIds };
  }
  return { lines, blockIds };
}

export const HDFS_ERROR_LINE =
  '081109 203518 143 WARN dfs.DataNode$DataXceiver: 10.250.19.102:50010:Got exception while serving blk_-1608999687919862906 to /10.250.19.102: java.io.IOException: Block not found in volumeMap';
