/**
 * The words of an HDFS_v1 log: its components (Java classes), the thread ids of the NameNode's own
 * threads, ports, block sizes, block ids and the two ways it writes a time.
 */
import type { SimulationRandom } from './random';

export const NAMESYSTEM = 'dfs.FSNamesystem';
export const XCEIVER = 'dfs.DataNode$DataXceiver';
export const RESPONDER = 'dfs.DataNode$PacketResponder';
export const DATANODE = 'dfs.DataNode';
export const TRANSFER = 'dfs.DataNode$DataTransfer';
export const DATASET = 'dfs.FSDataset';
export const SCANNER = 'dfs.DataBlockScanner';
export const PENDING_MONITOR = 'dfs.PendingReplicationBlocks$PendingReplicationMonitor';

/** Thread ids of NameNode threads that are not IPC handlers. */
export const REPLICATION_MONITOR_THREAD = 19;
export const PENDING_MONITOR_THREAD = 22;
export const SCANNER_THREAD = 13;

export type Level = 'INFO' | 'WARN';

export const DATA_PORT = 50010;
/** A full block: 64 MB. */
export const FULL_BLOCK = 67108864;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
/** 2008-11-09 20:35:00, where the real HDFS_v1 log starts. */
export const START_TIME = Date.UTC(2008, 10, 9, 20, 35, 0);

const two = (n: number): string => String(n).padStart(2, '0');

/** A line's timestamp, `yyMMdd HHmmss`, for `elapsed` milliseconds after START_TIME. */
export function lineStamp(elapsed: number): string {
  const date = new Date(START_TIME + elapsed);
  return `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())} ${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}`;
}

/** A JobTracker id, `yyyyMMddHHmm` of its start, for `elapsed` milliseconds after START_TIME. */
export function jobTrackerStamp(elapsed: number): string {
  const date = new Date(START_TIME + elapsed);
  return `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}`;
}

/** A signed 64-bit-looking block id, like blk_-1608999687919862906. */
export function blockId(random: SimulationRandom): string {
  const high = random.int(0, 922337203);
  const low = random.int(0, 100000) * 100000 + random.int(0, 100000);
  const digits = high === 0 ? String(low) : String(high) + String(low).padStart(10, '0');
  return `blk_${random.chance(0.5) ? '-' : ''}${digits}`;
}
