/**
 * Time windows: lines, anomalies, errors and per-template counts per bucket over the log's real
 * timestamps (or line ranges when it has none), with a bucket size chosen from the span, and the
 * buckets where errors burst.
 */
import type { CollectedLog } from '../reading/collect';
import { firstLineOf } from '../reading/entryLines';
import { Level } from '../formats/levels';
import type { LineBuckets, LineVectorIds, Timeline } from './report';
import type { EntryTemplates } from '../pipeline/readLogs';
import { CHECK_EVERY, noCheckpoint, type Checkpoint } from '../pipeline/progress';

/** Bucket sizes a person reads easily, in ms. */
const NICE_SIZES = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000, 31536000,
].map((seconds) => seconds * 1000);
const MAX_BUCKETS = 120;
/** A log is on a time axis when this share of its entries carry a timestamp. */
const MIN_TIMED_SHARE = 0.5;

export interface TimelineResult {
  readonly timeline: Timeline;
  /** Bucket of each line. */
  readonly lineBuckets: LineBuckets;
}

/**
 * @param lineVectorIds feature vector of each line (-1 for blank lines)
 * @param vectorFlagged whether each vector is flagged
 * @param entryTemplates template of each entry, below templateCount
 */
export function buildTimeline(
  log: CollectedLog,
  entryTemplates: EntryTemplates,
  templateCount: number,
  lineVectorIds: LineVectorIds,
  vectorFlagged: Uint8Array,
  hasYear: boolean,
  checkpoint: Checkpoint = noCheckpoint,
): TimelineResult {
  let timed = 0;
  let min = Infinity;
  let max = -Infinity;
  let firstTime = NaN;
  for (let entry = 0; entry < log.entryCount; entry++) {
    const time = log.entryTimes.of(entry);
    if (time !== time) continue;
    if (timed === 0) firstTime = time;
    timed++;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  const byTime = log.entryCount > 0 && timed / log.entryCount >= MIN_TIMED_SHARE && max > min;
  let start: number;
  let bucketSize: number;
  let bucketCount: number;
  if (byTime) {
    bucketSize = NICE_SIZES.find((size) => (max - min) / size < MAX_BUCKETS) ?? NICE_SIZES[NICE_SIZES.length - 1];
    start = Math.floor(min / bucketSize) * bucketSize;
    bucketCount = Math.floor((max - start) / bucketSize) + 1;
  } else {
    start = 0;
    bucketSize = Math.max(1, Math.ceil(log.lineCount / (MAX_BUCKETS - 20)));
    bucketCount = Math.max(1, Math.ceil(log.lineCount / bucketSize));
  }
  const lineBuckets = bucketCount <= 256 ? new Uint8Array(log.lineCount) : new Uint16Array(log.lineCount);
  if (byTime) {
    // Entries without a timestamp take the last one seen (the first known one before any).
    let current = firstTime;
    let entry = 0;
    for (let line = 0; line < log.lineCount; line++) {
      if ((line & CHECK_EVERY) === 0) checkpoint();
      // An entry's time starts at its header line.
      if (entry < log.entryCount && firstLineOf(log, entry) === line) {
        const time = log.entryTimes.of(entry++);
        if (time === time) current = time;
      }
      lineBuckets[line] = Math.floor((current - start) / bucketSize);
    }
  } else {
    for (let line = 0; line < log.lineCount; line++) lineBuckets[line] = Math.floor(line / bucketSize);
  }

  const lines = new Array<number>(bucketCount).fill(0);
  const anomalies = new Array<number>(bucketCount).fill(0);
  const errors = new Array<number>(bucketCount).fill(0);
  for (let line = 0; line < log.lineCount; line++) {
    if ((line & CHECK_EVERY) === 0) checkpoint();
    const bucket = lineBuckets[line];
    lines[bucket]++;
    const v = lineVectorIds[line];
    if (v >= 0 && vectorFlagged[v] === 1) anomalies[bucket]++;
  }
  const templateSlots = Math.max(1, templateCount);
  const counts = new TemplateBucketCounts(bucketCount, templateSlots);
  // Entries count once, in the bucket of their header line.
  for (let entry = 0; entry < log.entryCount; entry++) {
    const bucket = lineBuckets[firstLineOf(log, entry)];
    if (log.entryLevels[entry] >= Level.error) errors[bucket]++;
    counts.add(bucket * templateSlots + entryTemplates[entry]);
  }
  const triplets = counts.triplets();

  const busy = errors.filter((_, bucket) => lines[bucket] > 0).sort((a, b) => a - b);
  const typicalErrors = busy.length > 0 ? busy[Math.floor((busy.length - 1) / 2)] : 0;
  const bursts = errorBursts(errors, typicalErrors);

  return {
    lineBuckets,
    timeline: { kind: byTime ? 'time' : 'lines', hasYear, start, bucketSize, lines, anomalies, errors, templateCounts: triplets, bursts, typicalErrors },
  };
}

/** The buckets with far more errors than the typical count per bucket. */
export function errorBursts(errors: readonly number[], typicalErrors: number): number[] {
  const burstFloor = Math.max(5, 3 * typicalErrors + 4 * Math.sqrt(typicalErrors) + 1);
  return errors.flatMap((count, bucket) => (count >= burstFloor ? [bucket] : []));
}

/** Entries per (bucket, template): a dense table when it is small enough, a map otherwise. */
class TemplateBucketCounts {
  private static readonly MAX_DENSE_CELLS = 1 << 22;
  private readonly dense: Int32Array | null;
  private readonly sparse = new Map<number, number>();

  constructor(buckets: number, private readonly templates: number) {
    this.dense = buckets * templates <= TemplateBucketCounts.MAX_DENSE_CELLS ? new Int32Array(buckets * templates) : null;
  }

  add(key: number): void {
    if (this.dense !== null) this.dense[key]++;
    else this.sparse.set(key, (this.sparse.get(key) ?? 0) + 1);
  }

  /** bucket, template, count for every non-zero cell, in key order. */
  triplets(): Int32Array {
    let keys: number[] = [];
    if (this.dense !== null) {
      for (let key = 0; key < this.dense.length; key++) if (this.dense[key] > 0) keys.push(key);
    } else {
      keys = [...this.sparse.keys()].sort((a, b) => a - b);
    }
    const triplets = new Int32Array(keys.length * 3);
    keys.forEach((key, i) => {
      triplets[i * 3] = Math.floor(key / this.templates);
      triplets[i * 3 + 1] = key % this.templates;
      triplets[i * 3 + 2] = this.dense !== null ? this.dense[key] : (this.sparse.get(key) as number);
    });
    return triplets;
  }
}
