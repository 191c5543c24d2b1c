/**
 * The discrete-event core: a queue of timed events, the clock, the log lines they write (to the
 * sink, numbered, stamped), the cluster's DataNodes and the counts that tell the workload when to
 * stop starting new work so the log ends at exactly the asked number of lines.
 */
import { ANOMALY_KINDS, type AnomalyKind } from './anomalyKinds';
import { DATANODES, INVALIDATE_INTERVAL, INVALIDATE_LIMIT, type Block, type DataNode, type Replica } from './cluster';
import type { SimulationRandom } from './random';
import { blockId, DATA_PORT, lineStamp, SECOND, type Level } from './vocabulary';

/**
 * Something that happens at `at`: a line known in advance (`content` not null), then `run` if
 * any; or only `run`, which may write one line itself (`writesLine`). Plain fields rather than a
 * closure per line: a million lines are a million events.
 */
class SimEvent {
  constructor(
    readonly at: number,
    readonly seq: number,
    readonly writesLine: boolean,
    readonly run: (() => void) | null,
    readonly content: string | null = null,
    readonly thread = 0,
    readonly level: Level = 'INFO',
    readonly component = '',
    readonly block: Block | null = null,
    readonly anomalous = false,
  ) {}
}

/** Binary min-heap of events by time, then by scheduling order (which keeps runs deterministic). */
class EventQueue {
  private readonly items: SimEvent[] = [];

  push(event: SimEvent): void {
    const items = this.items;
    let i = items.push(event) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(event, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = event;
  }

  pop(): SimEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && earlier(items[right], items[left]) ? right : left;
      if (!earlier(items[child], last)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}

/** Receives the generated log as it is produced. */
export interface HdfsLogSink {
  /** One log line, without its newline. */
  line(text: string): void;
  /** Called once per block, just before the first line that names it. */
  block(blockId: string, anomaly: AnomalyKind | null): void;
  /** The line just written (numbered from 1) is an anomalous event of that block. */
  anomalousLine(lineNumber: number, blockId: string, kind: AnomalyKind): void;
}

function earlier(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Lines a replica's deletion writes: invalidSet, plus Deleting or an error unless it is silently missing. */
function deletionLines(replica: Replica): number {
  return replica.state === 'missing-silent' ? 1 : 2;
}

export class Simulation {
  private readonly queue = new EventQueue();
  readonly nodes: DataNode[];
  readonly anomaliesByKind = Object.fromEntries(ANOMALY_KINDS.map((kind) => [kind, 0])) as Record<AnomalyKind, number>;

  /** The clock: milliseconds since START_TIME. */
  now = 0;
  private seq = 0;
  /** Lines written so far. */
  written = 0;
  blocks = 0;
  anomalousBlocks = 0;
  anomalousLines = 0;
  /** Scheduled events that will write a line. */
  queuedLines = 0;
  /** Lines that planned deletions will write once they are scheduled (invalidSet + Deleting). */
  plannedDeletionLines = 0;
  /** Replicas whose deletion is planned or under way but not yet in a delete command. */
  unsentInvalidations = 0;
  /** The work already started will fill the log: no new work starts. */
  windingDown = false;
  firstTimestamp = '';
  private stampSecond = -1;
  /** The timestamp of the last line written. */
  stampText = '';

  constructor(
    /** Exact number of lines to write. */
    readonly target: number,
    readonly random: SimulationRandom,
    private readonly sink: HdfsLogSink,
  ) {
    this.nodes = this.createDataNodes();
  }

  /** Runs events in time order until the log has its lines or nothing is left to happen. */
  runEvents(): void {
    while (this.written < this.target) {
      const event = this.queue.pop();
      if (event === undefined) break;
      if (event.writesLine) this.queuedLines--;
      this.now = event.at;
      if (event.content !== null) this.write(event.thread, event.level, event.component, event.content, event.block, event.anomalous);
      event.run?.();
    }
  }

  // --- Events and lines ---------------------------------------------------------------------

  action(at: number, run: () => void): void {
    this.queue.push(new SimEvent(at, this.seq++, false, run));
  }

  /** Schedules a line whose text is known now; `then` runs right after it is written. */
  say(at: number, thread: number, level: Level, component: string, content: string, block: Block | null, anomalous = false, then?: () => void): void {
    this.queuedLines++;
    this.queue.push(new SimEvent(at, this.seq++, true, then ?? null, content, thread, level, component, block, anomalous));
  }

  /** Schedules an event that writes exactly one line, composed when it runs. */
  sayLater(at: number, run: () => void): void {
    this.queuedLines++;
    this.queue.push(new SimEvent(at, this.seq++, true, run));
  }

  /** Writes one line now (unless the log is full), labelling its block the first time it is named. */
  write(thread: number, level: Level, component: string, content: string, block: Block | null, anomalous: boolean): void {
    if (this.written >= this.target) return;
    if (block !== null && !block.labelled) {
      block.labelled = true;
      this.sink.block(block.id, block.anomaly);
    }
    this.written++;
    this.sink.line(`${this.stamp()} ${thread} ${level} ${component}: ${content}`);
    if (anomalous && block !== null && block.anomaly !== null) {
      this.anomalousLines++;
      this.sink.anomalousLine(this.written, block.id, block.anomaly);
    }
    if (!this.windingDown && this.expectedLines() >= this.target) {
      this.windingDown = true;
    }
  }

  /** Lines written, plus those the work already started will write: new work stops when this reaches the target. */
  private expectedLines(): number {
    // While the last jobs end, every DataNode with pending deletions gets a delete command or two
    // (their job files go first, their outputs with the last cleanup), of up to 100 blocks: count
    // two. This errs high, so the end of the log is padded rather than cut.
    const unsent = this.unsentInvalidations;
    const deleteCommands = Math.min(unsent, DATANODES * (2 + unsent / 30000) + unsent / INVALIDATE_LIMIT);
    const margin = 20 + this.target / 1000;
    return this.written + this.queuedLines + this.plannedDeletionLines + deleteCommands + margin;
  }

  private stamp(): string {
    const second = Math.floor(this.now / SECOND);
    if (second !== this.stampSecond) {
      this.stampSecond = second;
      this.stampText = lineStamp(second * SECOND);
      if (this.firstTimestamp === '') this.firstTimestamp = this.stampText;
    }
    return this.stampText;
  }

  // --- DataNodes, threads and blocks --------------------------------------------------------

  private createDataNodes(): DataNode[] {
    const random = this.random;
    const ips = new Set<string>();
    while (ips.size < DATANODES) {
      // About a fifth of the real cluster is on 10.250.0-19.x, the rest on 10.251.x.x.
      ips.add(random.chance(0.2) ? `10.250.${random.int(0, 20)}.${random.int(1, 255)}` : `10.251.${random.int(0, 256)}.${random.int(1, 255)}`);
    }
    return [...ips].map((ip) => ({
      ip,
      name: `${ip}:${DATA_PORT}`,
      nextThread: random.int(100, 700),
      mainThread: random.int(17, 20),
      deleterThread: random.int(18, 20),
      invalidatePhase: random.uniform(0, INVALIDATE_INTERVAL),
      pendingDeletes: [],
      deleteCommandScheduled: false,
    }));
  }

  /** A new DataXceiver/PacketResponder/DataTransfer thread on the node; thread ids only grow. */
  thread(node: DataNode): number {
    const id = node.nextThread;
    node.nextThread += this.random.int(2, 5);
    return id;
  }

  handlerThread(): number {
    return this.random.int(26, 36);
  }

  ephemeralPort(): number {
    return this.random.int(32768, 61000);
  }

  /** `count` distinct DataNodes, none of them in `exclude`. */
  otherNodes(count: number, exclude: readonly DataNode[]): DataNode[] {
    const chosen: DataNode[] = [];
    while (chosen.length < count) {
      const node = this.random.pick(this.nodes);
      if (!exclude.includes(node) && !chosen.includes(node)) chosen.push(node);
    }
    return chosen;
  }

  newBlock(size: number, anomaly: AnomalyKind | null, removedLater: boolean): Block {
    this.blocks++;
    if (anomaly !== null) {
      this.anomalousBlocks++;
      this.anomaliesByKind[anomaly]++;
    }
    return { id: blockId(this.random), size, anomaly, removedLater, replicas: [], labelled: false, verified: false };
  }

  /** A replica of `block` on `node`, in one of the data directory's subdirectories. */
  addReplica(block: Block, node: DataNode): Replica {
    const random = this.random;
    const roll = random.float();
    const directory = roll < 0.06 ? '' : roll < 0.9 ? `subdir${random.int(0, 64)}/` : `subdir${random.int(0, 64)}/subdir${random.int(0, 64)}/`;
    const replica: Replica = { block, node, directory, state: 'stored', known: false };
    block.replicas.push(replica);
    return replica;
  }

  /** Counts (1) or discounts (-1) the lines that a replica's planned deletion will write. */
  expectDeletion(replica: Replica, sign: 1 | -1): void {
    this.plannedDeletionLines += sign * deletionLines(replica);
    this.unsentInvalidations += sign;
  }
}
