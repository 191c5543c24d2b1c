/**
 * One block's life, written the way HDFS_v1 logs it: allocateBlock, Receiving on each of the
 * three pipeline DataNodes, then upstream from the last one Received, PacketResponder terminating
 * and addStoredBlock; later reads (Served / Got exception while serving) and scanner verifications.
 * The block's anomaly, if any, changes that story (plantedAnomalies.ts).
 */
import { BLOCK_ACTIVITY_WINDOW, type Block, type DataNode } from './cluster';
import { planLateAnomaly, planUnwrittenBlock, planWriteAnomaly, type PipelineOutcome } from './plantedAnomalies';
import { storeReplica } from './replicas';
import type { Simulation } from './simulation';
import { DATA_PORT, FULL_BLOCK, NAMESYSTEM, RESPONDER, SCANNER, SCANNER_THREAD, SECOND, XCEIVER } from './vocabulary';

/**
 * Plans the write of a block through `pipeline` starting at `start` (allocateBlock), with the
 * block's anomaly if any, its late anomalies and, if `read`, its reads and scans. Returns when
 * the client is done.
 */
export function writeBlock(sim: Simulation, block: Block, allocation: string, pipeline: readonly DataNode[], start: number, read: boolean): number {
  const random = sim.random;
  const anomaly = block.anomaly;
  const writesAllocation = anomaly !== 'delete-unwritten' || random.chance(0.5);
  if (writesAllocation) sim.say(start, sim.handlerThread(), 'INFO', NAMESYSTEM, `BLOCK* NameSystem.allocateBlock: ${allocation}`, block);
  if (anomaly === 'delete-unwritten') return planUnwrittenBlock(sim, block, pipeline, start);

  const duration = (block.size / FULL_BLOCK) * random.uniform(5 * SECOND, 40 * SECOND) + random.uniform(0.2 * SECOND, 2 * SECOND);
  const done = start + duration;
  const threads = pipeline.map((node) => sim.thread(node));
  const outcome: PipelineOutcome = {
    completes: pipeline.map(() => true),
    showsTerminating: pipeline.map(() => true),
    showsStored: pipeline.map(() => true),
    responderBase: pipeline.length - 1,
  };

  pipeline.forEach((node, i) => {
    const at = start + random.uniform(0.05 * SECOND, 0.4 * SECOND) + i * 0.03 * SECOND;
    sim.say(at, threads[i], 'INFO', XCEIVER, `Receiving block ${block.id} src: /${node.ip}:${sim.ephemeralPort()} dest: /${node.ip}:${DATA_PORT}`, block);
  });
  planWriteAnomaly(sim, { block, pipeline, threads, start, duration }, outcome);

  // The last node in the pipeline finishes first; acknowledgements travel back upstream.
  let finish = done;
  for (let i = pipeline.length - 1; i >= 0; i--) {
    finish += random.uniform(0.005 * SECOND, 0.2 * SECOND);
    if (!outcome.completes[i]) continue;
    const node = pipeline[i];
    const replica = sim.addReplica(block, node);
    const upstream = i === 0 ? node.ip : pipeline[i - 1].ip;
    const responder = threads[i] + 1;
    sim.say(finish, responder, 'INFO', RESPONDER, `Received block ${block.id} of size ${block.size} from /${upstream}`, block);
    if (outcome.showsTerminating[i]) sim.say(finish + 1, responder, 'INFO', RESPONDER, `PacketResponder ${outcome.responderBase - i} for block ${block.id} terminating`, block);
    if (outcome.showsStored[i]) storeReplica(sim, replica, finish + random.uniform(0.1 * SECOND, 2.5 * SECOND));
  }

  planLateAnomaly(sim, block, finish);
  if (read && anomaly !== 'orphan-block') planReadsAndScans(sim, block, finish);
  return done;
}

/** Reads (Served / Got exception while serving, which is normal in this log) and block scans. */
function planReadsAndScans(sim: Simulation, block: Block, finish: number): void {
  const random = sim.random;
  const readable = block.replicas.filter((replica) => replica.state === 'stored');
  if (readable.length === 0) return;
  const reads = random.geometric(0.58);
  for (let i = 0; i < reads; i++) {
    const server = random.pick(readable).node;
    const client = random.chance(0.5) ? server : random.pick(sim.nodes);
    const at = finish + random.uniform(5 * SECOND, BLOCK_ACTIVITY_WINDOW);
    if (random.chance(0.5)) sim.say(at, sim.thread(server), 'INFO', XCEIVER, `${server.name} Served block ${block.id} to /${client.ip}`, block);
    else sim.say(at, sim.thread(server), 'WARN', XCEIVER, `${server.name}:Got exception while serving ${block.id} to /${client.ip}:`, block);
  }
  if (random.chance(0.17)) {
    block.verified = true;
    sim.say(finish + random.uniform(10 * SECOND, BLOCK_ACTIVITY_WINDOW), SCANNER_THREAD, 'INFO', SCANNER, `Verification succeeded for ${block.id}`, block);
  }
}
