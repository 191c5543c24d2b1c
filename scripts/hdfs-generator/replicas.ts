/**
 * What happens to replicas once a block exists: the NameNode learns of them (addStoredBlock),
 * orders copies (ask ... to replicate, transfer, Received ... src/dest), and, when files are
 * removed, adds them to invalidSet and sends DataNodes delete commands of up to 100 blocks.
 */
import { INVALIDATE_INTERVAL, INVALIDATE_LIMIT, type Block, type DataNode, type Replica } from './cluster';
import type { Simulation } from './simulation';
import { DATA_PORT, DATANODE, DATASET, FULL_BLOCK, NAMESYSTEM, REPLICATION_MONITOR_THREAD, SECOND, TRANSFER, XCEIVER } from './vocabulary';

/** The NameNode learns of a replica at `at`; if the block's job removes its output, that costs two lines later. */
export function storeReplica(sim: Simulation, replica: Replica, at: number): void {
  replica.known = true;
  const { block, node } = replica;
  sim.say(at, sim.handlerThread(), 'INFO', NAMESYSTEM, `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${node.name} is added to ${block.id} size ${block.size}`, block);
  if (block.removedLater) sim.expectDeletion(replica, 1);
}

/** A NameNode-ordered copy of a block from `source` to `target`, successful. */
export function replicate(sim: Simulation, block: Block, source: DataNode, target: DataNode, at: number, ask: boolean): void {
  const random = sim.random;
  if (ask) sim.say(at, REPLICATION_MONITOR_THREAD, 'INFO', NAMESYSTEM, `BLOCK* ask ${source.name} to replicate ${block.id} to datanode(s) ${target.name}`, block);
  const started = at + random.uniform(0.5 * SECOND, 3 * SECOND);
  sim.say(started, source.mainThread, 'INFO', DATANODE, `${source.name} Starting thread to transfer block ${block.id} to ${target.name}`, block);
  const receiver = sim.thread(target);
  const port = sim.ephemeralPort();
  sim.say(started + random.uniform(0.01 * SECOND, 0.2 * SECOND), receiver, 'INFO', XCEIVER, `Receiving block ${block.id} src: /${target.ip}:${port} dest: /${target.ip}:${DATA_PORT}`, block);
  const done = started + (block.size / FULL_BLOCK) * random.uniform(2 * SECOND, 15 * SECOND) + random.uniform(0.05 * SECOND, 0.5 * SECOND);
  // (started - at) + (done - started) + the addStoredBlock delay stay under REPLICATION_MAX_DURATION.
  sim.say(done, receiver, 'INFO', XCEIVER, `Received block ${block.id} src: /${target.ip}:${port} dest: /${target.ip}:${DATA_PORT} of size ${block.size}`, block);
  sim.say(done + random.uniform(0.001 * SECOND, 0.05 * SECOND), sim.thread(source), 'INFO', TRANSFER, `${source.name}:Transmitted block ${block.id} to /${target.ip}:${DATA_PORT}`, block);
  storeReplica(sim, sim.addReplica(block, target), done + random.uniform(0.1 * SECOND, 2.5 * SECOND));
}

/** Removing files: the NameNode adds every replica it knows to its DataNode's invalidSet, in a burst. */
export function removeBlocks(sim: Simulation, blocks: readonly Block[]): void {
  const thread = sim.handlerThread();
  let at = sim.now;
  for (const block of blocks) {
    for (const replica of block.replicas) {
      if (!replica.known) continue;
      sim.expectDeletion(replica, -1);
      at += sim.random.uniform(0, 2);
      invalidate(sim, replica, at, thread);
    }
  }
}

/** For a block of a kept job that gets removed anyway. */
export function removeOnItsOwn(sim: Simulation, block: Block, at: number): void {
  block.removedLater = true;
  sim.action(at, () => removeBlocks(sim, [block]));
}

/** `BLOCK* NameSystem.delete: ... is added to invalidSet of ...`; the DataNode's next delete command takes it. */
export function invalidate(sim: Simulation, replica: Replica, at: number, thread = sim.handlerThread()): void {
  const { block, node } = replica;
  sim.expectDeletion(replica, 1);
  sim.plannedDeletionLines--; // the invalidSet line is queued now
  const anomalous = block.anomaly === 'delete-unwritten';
  sim.say(at, thread, 'INFO', NAMESYSTEM, `BLOCK* NameSystem.delete: ${block.id} is added to invalidSet of ${node.name}`, block, anomalous, () => {
    node.pendingDeletes.push(replica);
    if (!node.deleteCommandScheduled) scheduleDeleteCommand(sim, node);
  });
}

function scheduleDeleteCommand(sim: Simulation, node: DataNode): void {
  node.deleteCommandScheduled = true;
  const cycles = Math.floor((sim.now - node.invalidatePhase) / INVALIDATE_INTERVAL) + 1;
  sim.sayLater(node.invalidatePhase + cycles * INVALIDATE_INTERVAL, () => sendDeleteCommand(sim, node));
}

/** `BLOCK* ask N to delete  blk_a blk_b ...` (up to 100 blocks), then the DataNode deletes them. */
function sendDeleteCommand(sim: Simulation, node: DataNode): void {
  const batch = node.pendingDeletes.splice(0, INVALIDATE_LIMIT);
  sim.unsentInvalidations -= batch.length;
  sim.write(REPLICATION_MONITOR_THREAD, 'INFO', NAMESYSTEM, `BLOCK* ask ${node.name} to delete  ${batch.map((replica) => replica.block.id).join(' ')}`, null, false);
  let at = sim.now + sim.random.uniform(0.3 * SECOND, 3 * SECOND);
  for (const replica of batch) {
    at += sim.random.uniform(0.005 * SECOND, 0.3 * SECOND);
    const { block } = replica;
    if (replica.state === 'stored') {
      sim.plannedDeletionLines--;
      sim.say(at, node.deleterThread, 'INFO', DATASET, `Deleting block ${block.id} file /mnt/hadoop/dfs/data/current/${replica.directory}${block.id}`, block);
    } else if (replica.state === 'missing-reported') {
      sim.plannedDeletionLines--;
      sim.say(at, node.deleterThread, 'WARN', DATASET, `Unexpected error trying to delete block ${block.id}. BlockInfo not found in volumeMap.`, block, true);
    }
  }
  node.deleteCommandScheduled = false;
  if (node.pendingDeletes.length > 0) scheduleDeleteCommand(sim, node);
}
