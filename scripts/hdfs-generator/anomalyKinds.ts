/** The ways a block goes wrong, and how often each does. plantedAnomalies.ts writes them into a block's life. */
import type { SimulationRandom } from './random';

/** How a block goes wrong. Each is modelled on the loghub HDFS_v1 anomaly templates. */
export const ANOMALY_KINDS = [
  /** The write pipeline breaks: receiveBlock/writeBlock/PacketResponder exceptions, fewer replicas. */
  'pipeline-failure',
  /** No error at all, but a final step (Received, terminating or addStoredBlock) is missing. */
  'missing-steps',
  /** `Redundant addStoredBlock request received for ...` after a normal write. */
  'redundant-store',
  /** `addStoredBlock request received ... But it does not belong to any file.`, then invalidated. */
  'orphan-block',
  /** A replication that fails: `Failed to transfer`, `PendingReplicationMonitor timed out block`. */
  'replication-timeout',
  /** A DataNode asked to delete a replica it does not have: `BlockInfo not found in volumeMap.` */
  'delete-missing-replica',
  /** A block that was never written is added to invalidSet (sometimes silently, sometimes with an error). */
  'delete-unwritten',
  /** `Receiving empty packet for block ...`, usually with a responder that never terminates. */
  'empty-packet',
] as const;

export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Relative frequency of each anomaly kind among anomalous blocks. */
const ANOMALY_WEIGHTS: Readonly<Record<AnomalyKind, number>> = {
  'pipeline-failure': 32,
  'missing-steps': 20,
  'redundant-store': 9,
  'orphan-block': 8,
  'replication-timeout': 8,
  'delete-missing-replica': 10,
  'delete-unwritten': 7,
  'empty-packet': 6,
};

const TOTAL_WEIGHT = ANOMALY_KINDS.reduce((sum, kind) => sum + ANOMALY_WEIGHTS[kind], 0);
let cumulativeWeight = 0;
/** Upper bound of each kind's share of [0, 1), in ANOMALY_KINDS order. */
const KIND_THRESHOLDS = ANOMALY_KINDS.map((kind) => (cumulativeWeight += ANOMALY_WEIGHTS[kind] / TOTAL_WEIGHT));

/** One kind, drawn by weight. */
export function pickAnomalyKind(random: SimulationRandom): AnomalyKind {
  const u = random.float();
  const index = KIND_THRESHOLDS.findIndex((threshold) => u < threshold);
  return ANOMALY_KINDS[index === -1 ? ANOMALY_KINDS.length - 1 : index];
}
