/** What the simulated cluster is made of (DataNodes, blocks, their replicas) and its timings. */
import type { AnomalyKind } from './anomalyKinds';
import { MINUTE, SECOND } from './vocabulary';

export const DATANODES = 203;
/** Hadoop 0.18's blockInvalidateLimit: at most this many blocks per delete command. */
export const INVALIDATE_LIMIT = 100;
/** How often the NameNode hands a DataNode its pending deletions. */
export const INVALIDATE_INTERVAL = 30 * SECOND;
/** Reads, scans and late anomalies of a block happen within this long after it is written ... */
export const BLOCK_ACTIVITY_WINDOW = 10 * MINUTE;
/** ... and a job's output is removed no sooner than this after the job ends. */
export const MIN_DELETE_DELAY = 12 * MINUTE;
/** Upper bound of ask → addStoredBlock for one replication. */
export const REPLICATION_MAX_DURATION = 25 * SECOND;

export interface DataNode {
  readonly ip: string;
  readonly name: string;
  nextThread: number;
  readonly mainThread: number;
  readonly deleterThread: number;
  readonly invalidatePhase: number;
  readonly pendingDeletes: Replica[];
  deleteCommandScheduled: boolean;
}

/** What a DataNode has of a block. */
export type ReplicaState = 'stored' | 'missing-reported' | 'missing-silent';

export interface Replica {
  readonly block: Block;
  readonly node: DataNode;
  readonly directory: string;
  state: ReplicaState;
  /** The NameNode knows this replica (it logged addStoredBlock, or believes so). */
  known: boolean;
}

export interface Block {
  readonly id: string;
  readonly size: number;
  readonly anomaly: AnomalyKind | null;
  /** Its file is removed later (with its job's output, or on its own): each known replica costs lines. */
  removedLater: boolean;
  readonly replicas: Replica[];
  labelled: boolean;
  /** The block scanner has verified a replica. */
  verified: boolean;
}
