/**
 * A seeded generator of realistic HDFS DataNode/NameNode logs, labelled by block like loghub's
 * HDFS_v1 (`anomaly_label.csv`: BlockId,Label): the front door that the benchmark
 * (scripts/bench/), `npm run generate:hdfs`, the unit tests and the e2e fixtures import.
 *
 * It simulates a small Hadoop 0.18 cluster running MapReduce jobs (randomwriter, randomtextwriter,
 * sort) that write their output in 64 MB blocks through 3-DataNode pipelines. Everything happens
 * in a discrete-event simulation, so the lives of thousands of blocks interleave in time the way
 * they do in the real log: allocate, Receiving x3, Received + PacketResponder terminating x3,
 * addStoredBlock x3, then reads (Served / Got exception while serving), block scanner
 * verifications, and, when the job's output is removed, bursts of invalidSet lines, multi-block
 * `ask ... to delete` commands and Deleting lines. Job files (job.jar, job.split) are replicated to
 * 10 nodes, which brings the rarer normal events (ask to replicate, Starting thread to transfer,
 * Transmitted block, Received block ... src/dest of size).
 *
 * About `anomalyRate` of the data blocks fail in the ways real HDFS fails (see ANOMALY_KINDS);
 * some leave error lines, some only leave a step out.
 *
 * Output is streamed line by line to a sink: nothing but the live blocks is kept in memory, and
 * the same options always give the same bytes (every random choice comes from the engine's seeded
 * createRng). The run ends with exactly `lines` lines: new work stops in time for every started
 * block to finish its life (the estimate errs high), and the few lines still missing are
 * block-scanner verifications of kept blocks. Only logs of a few hundred lines, shorter than the
 * first burst of work, end with blocks cut short.
 */
export { ANOMALY_KINDS, type AnomalyKind } from './anomalyKinds';
export { DEFAULT_ANOMALY_RATE, generateHdfsLog, generateHdfsLogText, MIN_LINES, type GeneratedHdfsLog, type HdfsGeneratorOptions } from './generate';
export { hdfsOutputPaths, writeHdfsLogFiles, type HdfsOutputPaths } from './labelFiles';
export type { HdfsLogSink } from './simulation';
export type { HdfsGenerationSummary } from './workload';
