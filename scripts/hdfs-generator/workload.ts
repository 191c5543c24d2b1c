/**
 * The work that fills the log: MapReduce jobs (randomwriter, randomtextwriter, sort) whose tasks
 * write their output in 64 MB blocks through 3-DataNode pipelines, job files replicated to 10
 * nodes, cleanups that remove finished jobs' outputs in bursts, and, at the very end, block-scanner
 * verifications of kept blocks to reach the exact line count.
 */
import { pickAnomalyKind, type AnomalyKind } from './anomalyKinds';
import { writeBlock } from './blockLife';
import { MIN_DELETE_DELAY, REPLICATION_MAX_DURATION, type Block, type DataNode } from './cluster';
import { SimulationRandom } from './random';
import { removeBlocks, replicate } from './replicas';
import { Simulation, type HdfsLogSink } from './simulation';
import { FULL_BLOCK, jobTrackerStamp, MINUTE, SCANNER, SCANNER_THREAD, SECOND } from './vocabulary';

const MAX_WRITERS = 120;
/** A cleanup removes the outputs of all jobs finished long enough ago at once, every 20 to 60 minutes. */
const CLEANUP_INTERVAL: readonly [number, number] = [20 * MINUTE, 60 * MINUTE];
const JOB_FILE_REPLICATION = 10;
const MAX_UNVERIFIED_REPLICAS = 200_000;

export interface HdfsGenerationSummary {
  readonly lines: number;
  readonly blocks: number;
  readonly anomalousBlocks: number;
  readonly anomalousLines: number;
  readonly anomaliesByKind: Readonly<Record<AnomalyKind, number>>;
  /** Lines appended at the end as block-scanner verifications to reach the exact line count. */
  readonly paddingLines: number;
  /** First and last timestamps, as written in the log (yyMMdd HHmmss). */
  readonly firstTimestamp: string;
  readonly lastTimestamp: string;
}

type JobKind = 'rand' | 'randtxt' | 'sortrand';

interface Job {
  readonly id: string;
  readonly kind: JobKind;
  readonly outputDir: string;
  readonly taskType: 'm' | 'r';
  readonly taskCount: number;
  nextTask: number;
  runningTasks: number;
  /** Whether the job's output is removed after it ends (the first job is always kept). */
  readonly removeOutput: boolean;
  readonly outputBlocks: Block[];
  readonly jobFileBlocks: Block[];
  /** When the job files' replication is over: they are not removed before. */
  jobFilesSettleAt: number;
}

interface Task {
  readonly job: Job;
  readonly path: string;
  readonly blocks: number;
}

/** A task slot on a TaskTracker: it writes from its DataNode, one task after another. */
interface Writer {
  readonly node: DataNode;
}

export class ClusterWorkload {
  private readonly sim: Simulation;
  private readonly random: SimulationRandom;
  private readonly writers: Writer[];
  /**
   * Replicas of kept, normal blocks that the block scanner has not verified (ids, one entry per
   * replica): it verifies some of them at the end of the log to make up the exact line count.
   */
  private readonly unverifiedReplicas: string[] = [];

  private job: Job | null = null;
  private runningJobs = 0;
  /** Finished jobs whose output the next cleanup removes, from when it may. */
  private readonly outputsToRemove: { readonly job: Job; readonly from: number }[] = [];
  private jobTrackerId = '200811092030';
  private jobsOnTracker = 0;
  private jobTrackerRestartAfter: number;
  private readonly outputDirsByKind: Record<JobKind, number> = { rand: 0, randtxt: 0, sortrand: 0 };

  constructor(
    target: number,
    seed: number,
    private readonly anomalyRate: number,
    sink: HdfsLogSink,
  ) {
    this.random = new SimulationRandom(seed);
    this.sim = new Simulation(target, this.random, sink);
    // Fewer concurrent writers for small logs, so that the first burst of blocks fits in them.
    const writerCount = Math.max(2, Math.min(MAX_WRITERS, Math.round(target / 2500)));
    this.writers = Array.from({ length: writerCount }, () => ({ node: this.random.pick(this.sim.nodes) }));
    this.jobTrackerRestartAfter = this.random.int(8, 20);
  }

  run(): HdfsGenerationSummary {
    const sim = this.sim;
    for (const writer of this.writers) sim.action(this.random.uniform(0, 20 * SECOND), () => this.startTask(writer));
    sim.action(this.random.uniform(...CLEANUP_INTERVAL), () => this.cleanUp());
    sim.runEvents();
    const paddingLines = this.padWithVerifications();
    return {
      lines: sim.written,
      blocks: sim.blocks,
      anomalousBlocks: sim.anomalousBlocks,
      anomalousLines: sim.anomalousLines,
      anomaliesByKind: { ...sim.anomaliesByKind },
      paddingLines,
      firstTimestamp: sim.firstTimestamp,
      lastTimestamp: sim.stampText,
    };
  }

  /** The cluster went quiet: the block scanner keeps verifying kept blocks until the log is long enough. */
  private padWithVerifications(): number {
    const sim = this.sim;
    let padding = 0;
    const replicas = this.unverifiedReplicas;
    while (sim.written < sim.target && replicas.length > 0) {
      const i = this.random.int(0, replicas.length);
      const id = replicas[i];
      replicas[i] = replicas[replicas.length - 1];
      replicas.pop();
      sim.now += this.random.uniform(0.5 * SECOND, 5 * SECOND);
      sim.write(SCANNER_THREAD, 'INFO', SCANNER, `Verification succeeded for ${id}`, null, false);
      padding++;
    }
    return padding;
  }

  private startTask(writer: Writer): void {
    if (this.sim.windingDown) return;
    const random = this.random;
    const job = this.currentJob();
    job.runningTasks++;
    const index = job.nextTask++;
    const attempt = random.chance(0.03) ? 1 : 0;
    const taskId = `_task_${job.id}_${job.taskType}_${String(index).padStart(6, '0')}_${attempt}`;
    const path = `/user/root/${job.outputDir}/_temporary/${taskId}/part-${String(index).padStart(5, '0')}`;
    const blocks = job.kind === 'rand' ? random.int(4, 17) : job.kind === 'randtxt' ? random.int(1, 5) : random.int(4, 21);
    this.writeFileBlock(writer, { job, path, blocks }, 0);
  }

  private currentJob(): Job {
    if (this.job === null || this.job.nextTask >= this.job.taskCount) this.job = this.createJob();
    return this.job;
  }

  private createJob(): Job {
    const random = this.random;
    if (this.jobsOnTracker >= this.jobTrackerRestartAfter) {
      // The JobTracker restarts: job ids take the new start time, numbering starts over.
      this.jobTrackerId = jobTrackerStamp(this.sim.now);
      this.jobsOnTracker = 0;
      this.jobTrackerRestartAfter = random.int(8, 20);
    }
    const kind: JobKind = random.pick(['rand', 'rand', 'randtxt', 'sortrand'] as const);
    const dirCount = ++this.outputDirsByKind[kind];
    const id = `${this.jobTrackerId}_${String(++this.jobsOnTracker).padStart(4, '0')}`;
    const job: Job = {
      id,
      kind,
      outputDir: dirCount === 1 ? kind : `${kind}${dirCount}`,
      taskType: kind === 'sortrand' ? 'r' : 'm',
      taskCount: kind === 'rand' ? random.int(20, 150) : kind === 'randtxt' ? random.int(40, 200) : random.int(10, 60),
      nextTask: 0,
      runningTasks: 0,
      removeOutput: this.job !== null && random.chance(0.8),
      outputBlocks: [],
      jobFileBlocks: [],
      jobFilesSettleAt: this.sim.now,
    };
    this.runningJobs++;
    job.jobFilesSettleAt = this.writeJobFiles(job);
    return job;
  }

  private endTask(job: Job): void {
    const sim = this.sim;
    job.runningTasks--;
    if (sim.windingDown) job.nextTask = job.taskCount;
    if (job.runningTasks > 0 || job.nextTask < job.taskCount) return;
    // The job is over: the JobTracker cleans its system directory; the output may be removed later.
    this.runningJobs--;
    sim.action(Math.max(sim.now, job.jobFilesSettleAt) + this.random.uniform(1 * SECOND, 20 * SECOND), () => removeBlocks(sim, job.jobFileBlocks));
    if (job.removeOutput) this.outputsToRemove.push({ job, from: sim.now + MIN_DELETE_DELAY });
  }

  /**
   * Removes the outputs of finished jobs, several directories at once: that is what fills a
   * DataNode's delete commands up to their 100 blocks, as in the real log.
   */
  private cleanUp(): void {
    const sim = this.sim;
    const over = this.runningJobs === 0 && this.outputsToRemove.every(({ from }) => from <= sim.now);
    if (sim.windingDown && !over) {
      // One last cleanup once everything is finished, so the log ends with one burst of deletions.
      sim.action(sim.now + this.random.uniform(1 * MINUTE, 5 * MINUTE), () => this.cleanUp());
      return;
    }
    let ready = 0;
    while (ready < this.outputsToRemove.length && this.outputsToRemove[ready].from <= sim.now) ready++;
    const removed = this.outputsToRemove.splice(0, ready);
    removeBlocks(sim, removed.flatMap(({ job }) => job.outputBlocks));
    if (!sim.windingDown) sim.action(sim.now + this.random.uniform(...CLEANUP_INTERVAL), () => this.cleanUp());
  }

  private writeFileBlock(writer: Writer, task: Task, index: number): void {
    const sim = this.sim;
    const random = this.random;
    if (index >= task.blocks || sim.windingDown) {
      this.endTask(task.job);
      // The slot takes its next task after the TaskTracker's next heartbeat.
      sim.action(sim.now + random.uniform(1 * SECOND, 10 * SECOND), () => this.startTask(writer));
      return;
    }
    const last = index === task.blocks - 1;
    const size = !last ? FULL_BLOCK
      : task.job.kind === 'rand' ? FULL_BLOCK
        : task.job.kind === 'randtxt' ? random.int(3530000, 3560000)
          : random.int(1 << 20, FULL_BLOCK);
    const anomaly = random.chance(this.anomalyRate) ? pickAnomalyKind(random) : null;
    const block = sim.newBlock(size, anomaly, task.job.removeOutput);
    task.job.outputBlocks.push(block);
    const pipeline = [writer.node, ...sim.otherNodes(2, [writer.node])];
    const done = writeBlock(sim, block, `${task.path}. ${block.id}`, pipeline, sim.now, true);
    sim.action(done + random.uniform(0.05 * SECOND, 1.5 * SECOND), () => this.writeFileBlock(writer, task, index + 1));
    if (anomaly === null && !task.job.removeOutput && !block.verified && this.unverifiedReplicas.length < MAX_UNVERIFIED_REPLICAS) {
      for (let i = 0; i < block.replicas.length; i++) this.unverifiedReplicas.push(block.id);
    }
  }

  /**
   * job.jar and job.split: written like any file, then replicated to 10 DataNodes. Returns when
   * the last copy is stored.
   */
  private writeJobFiles(job: Job): number {
    const sim = this.sim;
    const random = this.random;
    const client = random.pick(sim.nodes);
    let at = sim.now;
    let settled = at;
    for (const [name, size] of [['job.jar', random.int(60000, 200000)], ['job.split', random.int(8000, 400000)]] as const) {
      const block = sim.newBlock(size, null, true);
      job.jobFileBlocks.push(block);
      const done = writeBlock(sim, block, `/mnt/hadoop/mapred/system/job_${job.id}/${name}. ${block.id}`, [client, ...sim.otherNodes(2, [client])], at, false);
      let replicateAt = done;
      while (block.replicas.length < JOB_FILE_REPLICATION) {
        replicateAt += random.uniform(0.5 * SECOND, 4 * SECOND);
        const [target] = sim.otherNodes(1, block.replicas.map((replica) => replica.node));
        replicate(sim, block, random.pick(block.replicas).node, target, replicateAt, true);
      }
      at = done + random.uniform(0.1 * SECOND, 1 * SECOND);
      settled = Math.max(settled, replicateAt + REPLICATION_MAX_DURATION);
    }
    return settled;
  }
}
