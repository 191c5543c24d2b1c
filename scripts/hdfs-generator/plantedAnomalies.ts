/**
 * How each anomaly kind (anomalyKinds.ts) shows in a block's life: error lines during the write,
 * final steps left out, and the late ones (orphan, redundant store, replication timeout, a replica
 * missing when it is deleted). Lines marked anomalous here are the ones the line labels list.
 */
import { BLOCK_ACTIVITY_WINDOW, MIN_DELETE_DELAY, type Block, type DataNode } from './cluster';
import { invalidate, removeOnItsOwn, replicate } from './replicas';
import type { Simulation } from './simulation';
import { DATA_PORT, DATANODE, MINUTE, NAMESYSTEM, PENDING_MONITOR, PENDING_MONITOR_THREAD, REPLICATION_MONITOR_THREAD, RESPONDER, SECOND, XCEIVER } from './vocabulary';

/** Which pipeline positions finish their write normally, and which of their final steps show up. */
export interface PipelineOutcome {
  readonly completes: boolean[];
  readonly showsTerminating: boolean[];
  readonly showsStored: boolean[];
  /** Responder number of position 0; the positions left after a recovery are renumbered. */
  responderBase: number;
}

/** A block's write through `pipeline`, from `start` for `duration`. */
export interface PipelineWrite {
  readonly block: Block;
  readonly pipeline: readonly DataNode[];
  /** The DataXceiver thread of each position. */
  readonly threads: readonly number[];
  readonly start: number;
  readonly duration: number;
}

/** What the block's anomaly does while it is written: error lines, and steps taken out of `outcome`. */
export function planWriteAnomaly(sim: Simulation, write: PipelineWrite, outcome: PipelineOutcome): void {
  const random = sim.random;
  const { block, pipeline, threads, start, duration } = write;
  switch (block.anomaly) {
    case 'pipeline-failure': {
      const failed = random.chance(0.15) ? 0 : random.int(1, pipeline.length);
      planPipelineFailure(sim, write, failed);
      for (let i = failed; i < pipeline.length; i++) outcome.completes[i] = false;
      outcome.responderBase = failed - 1;
      if (failed > 0 && random.chance(0.6)) {
        // The NameNode restores the replication factor from a surviving replica.
        const source = pipeline[random.int(0, failed)];
        replicate(sim, block, source, sim.otherNodes(1, pipeline)[0], start + duration + random.uniform(10 * SECOND, BLOCK_ACTIVITY_WINDOW / 2), true);
      }
      break;
    }
    case 'missing-steps': {
      const roll = random.float();
      const position = random.int(0, pipeline.length);
      if (roll < 0.32) outcome.completes[position] = false;
      else if (roll < 0.4) outcome.completes.fill(false);
      else if (roll < 0.75) outcome.showsStored[position] = false;
      else outcome.showsTerminating[position] = false;
      break;
    }
    case 'empty-packet': {
      const position = random.int(0, pipeline.length);
      sim.say(start + random.uniform(0.3, 0.95) * duration, threads[position], 'INFO', DATANODE, `Receiving empty packet for block ${block.id}`, block, true);
      if (random.chance(0.6)) outcome.showsTerminating[position] = false;
      break;
    }
    case 'orphan-block':
      // The file is deleted while the block is written: the NameNode no longer knows it.
      outcome.showsStored.fill(false);
      break;
    default:
      break;
  }
}

/** What the block's anomaly does after the write finished at `finish`. */
export function planLateAnomaly(sim: Simulation, block: Block, finish: number): void {
  if (block.anomaly === 'orphan-block') planOrphan(sim, block, finish);
  if (block.anomaly === 'redundant-store') planRedundantStore(sim, block, finish);
  if (block.anomaly === 'replication-timeout') planReplicationTimeout(sim, block, finish);
  if (block.anomaly === 'delete-missing-replica') planMissingReplica(sim, block, finish);
}

function planPipelineFailure(sim: Simulation, write: PipelineWrite, failed: number): void {
  const random = sim.random;
  const { block, pipeline, threads, start, duration } = write;
  let at = start + random.uniform(0.1, 0.9) * duration;
  const linesBefore = sim.queuedLines;
  const failure = random.pick(['java.io.IOException: Connection reset by peer', 'java.io.EOFException', 'java.io.IOException: Broken pipe']);
  const failedNode = pipeline[failed];
  if (random.chance(0.7)) {
    sim.say(at, threads[failed], 'INFO', XCEIVER, `Exception in receiveBlock for block ${block.id} ${failure}`, block, true);
  }
  at += random.uniform(0.001 * SECOND, 0.05 * SECOND);
  const reason = random.pick([
    'java.io.IOException: Could not read from stream',
    'java.io.IOException: Connection reset by peer',
    `java.net.SocketTimeoutException: 63000 millis timeout while waiting for channel to be ready for read. ch : java.nio.channels.SocketChannel[connected local=/${failedNode.ip}:${DATA_PORT} remote=/${failed === 0 ? failedNode.ip : pipeline[failed - 1].ip}:${sim.ephemeralPort()}]`,
  ]);
  if (random.chance(0.8)) sim.say(at, threads[failed], 'INFO', XCEIVER, `writeBlock ${block.id} received exception ${reason}`, block, true);
  // Nodes downstream of the failure lose their upstream too.
  for (let i = failed + 1; i < pipeline.length; i++) {
    at += random.uniform(0.001 * SECOND, 0.05 * SECOND);
    if (random.chance(0.5)) sim.say(at, threads[i], 'INFO', XCEIVER, `writeBlock ${block.id} received exception java.io.IOException: Could not read from stream`, block, true);
  }
  if (failed > 0) {
    const upstream = pipeline[failed - 1];
    const responder = threads[failed - 1] + 1;
    const responderIndex = pipeline.length - failed;
    at += random.uniform(0.001 * SECOND, 0.1 * SECOND);
    if (random.chance(0.4)) sim.say(at, threads[failed - 1], 'INFO', XCEIVER, `${upstream.name}:Exception writing block ${block.id} to mirror ${failedNode.name}`, block, true);
    const roll = random.float();
    if (roll < 0.5) {
      sim.say(at + 1, responder, 'INFO', RESPONDER, `PacketResponder ${block.id} ${responderIndex} Exception java.io.InterruptedIOException: Interruped while waiting for IO on channel java.nio.channels.SocketChannel[connected local=/${upstream.ip}:${sim.ephemeralPort()} remote=/${failedNode.ip}:${DATA_PORT}]. 0 millis timeout left.`, block, true);
    } else if (roll < 0.8) {
      sim.say(at + 1, responder, 'INFO', RESPONDER, `PacketResponder ${responderIndex} for block ${block.id} Interrupted.`, block, true);
    }
    // The client recovers with the remaining nodes, which roll back to the last full chunk.
    for (let i = 0; i < failed; i++) {
      if (!random.chance(0.5)) continue;
      const written = random.int(1, Math.max(2, Math.floor(block.size * 0.9)));
      const offset = written - (written % 512);
      sim.say(at + random.uniform(0.2 * SECOND, 2 * SECOND), threads[i], 'INFO', DATANODE, `Changing block file offset of block ${block.id} from ${written} to ${offset} meta file offset to ${7 + (offset / 512) * 4}`, block, true);
    }
  }
  if (sim.queuedLines === linesBefore) {
    sim.say(at, threads[failed], 'INFO', XCEIVER, `writeBlock ${block.id} received exception ${reason}`, block, true);
  }
}

/** 'delete-unwritten': the client gave the block up before writing it; its file is removed later all the same. Returns when the client is done. */
export function planUnwrittenBlock(sim: Simulation, block: Block, pipeline: readonly DataNode[], start: number): number {
  const random = sim.random;
  const count = random.int(1, pipeline.length + 1);
  for (const node of pipeline.slice(0, count)) {
    const replica = sim.addReplica(block, node);
    replica.state = random.chance(0.5) ? 'missing-reported' : 'missing-silent';
    replica.known = true;
  }
  if (!block.removedLater) removeOnItsOwn(sim, block, start + random.uniform(MIN_DELETE_DELAY / 2, BLOCK_ACTIVITY_WINDOW * 3));
  for (const replica of block.replicas) sim.expectDeletion(replica, 1);
  return start + random.uniform(0.5 * SECOND, 3 * SECOND);
}

function planOrphan(sim: Simulation, block: Block, finish: number): void {
  const random = sim.random;
  let at = finish + random.uniform(0.1 * SECOND, 2 * SECOND);
  for (const replica of block.replicas) {
    if (replica !== block.replicas[0] && random.chance(0.3)) continue;
    at += random.uniform(0.01 * SECOND, 1 * SECOND);
    sim.say(at, sim.handlerThread(), 'WARN', NAMESYSTEM, `BLOCK* NameSystem.addStoredBlock: addStoredBlock request received for ${block.id} on ${replica.node.name} size ${block.size} But it does not belong to any file.`, block, true);
    invalidate(sim, replica, at + 1);
  }
  if (random.chance(0.3)) {
    sim.say(at + random.uniform(0.5 * SECOND, 3 * SECOND), REPLICATION_MONITOR_THREAD, 'INFO', NAMESYSTEM, `BLOCK* Removing block ${block.id} from neededReplications as it does not belong to any file.`, block, true);
  }
}

function planRedundantStore(sim: Simulation, block: Block, finish: number): void {
  const random = sim.random;
  const repeats = random.int(1, 3);
  for (let i = 0; i < repeats; i++) {
    const replica = random.pick(block.replicas);
    sim.say(finish + random.uniform(1 * SECOND, BLOCK_ACTIVITY_WINDOW / 2), sim.handlerThread(), 'WARN', NAMESYSTEM, `BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock request received for ${block.id} on ${replica.node.name} size ${block.size}`, block, true);
  }
}

function planReplicationTimeout(sim: Simulation, block: Block, finish: number): void {
  const random = sim.random;
  const source = random.pick(block.replicas).node;
  const holders = block.replicas.map((replica) => replica.node);
  const [target, retryTarget] = sim.otherNodes(2, holders);
  const asked = finish + random.uniform(30 * SECOND, BLOCK_ACTIVITY_WINDOW / 3);
  sim.say(asked, REPLICATION_MONITOR_THREAD, 'INFO', NAMESYSTEM, `BLOCK* ask ${source.name} to replicate ${block.id} to datanode(s) ${target.name}`, block);
  sim.say(asked + random.uniform(0.5 * SECOND, 3 * SECOND), source.mainThread, 'INFO', DATANODE, `${source.name} Starting thread to transfer block ${block.id} to ${target.name}`, block);
  if (random.chance(0.6)) {
    sim.say(asked + random.uniform(3 * SECOND, 20 * SECOND), sim.thread(source), 'WARN', DATANODE, `${source.name}:Failed to transfer ${block.id} to ${target.name} got java.io.IOException: Connection reset by peer`, block, true);
  }
  const timedOut = asked + 5 * MINUTE + random.uniform(0, 30 * SECOND);
  sim.say(timedOut, PENDING_MONITOR_THREAD, 'WARN', PENDING_MONITOR, `PendingReplicationMonitor timed out block ${block.id}`, block, true);
  if (random.chance(0.7)) replicate(sim, block, source, retryTarget, timedOut + random.uniform(1 * SECOND, 10 * SECOND), true);
}

function planMissingReplica(sim: Simulation, block: Block, finish: number): void {
  // One DataNode lost its copy; the NameNode only finds out when it asks for a deletion.
  sim.random.pick(block.replicas).state = 'missing-reported';
  if (!block.removedLater) {
    removeOnItsOwn(sim, block, finish + sim.random.uniform(MIN_DELETE_DELAY, 30 * MINUTE));
    for (const replica of block.replicas) if (replica.known) sim.expectDeletion(replica, 1);
  }
}
