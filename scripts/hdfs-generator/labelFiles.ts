/**
 * The log on disk with its labels next to it: `BlockId,Label` like loghub's anomaly_label.csv, the
 * kind of each anomalous block, and the line numbers of the anomalous events.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { generateHdfsLog, validateOptions, type HdfsGeneratorOptions } from './generate';
import type { HdfsGenerationSummary } from './workload';

/** Where the label files of a generated log go, next to it. */
export interface HdfsOutputPaths {
  /** The log. */
  readonly log: string;
  /** `BlockId,Label` with Label Normal or Anomaly, like loghub's anomaly_label.csv. */
  readonly labels: string;
  /** `BlockId,Kind` for the anomalous blocks only. */
  readonly anomalies: string;
  /** `line,block,kind`: the lines (from 1) that are anomalous events. */
  readonly lineLabels: string;
}

export function hdfsOutputPaths(logPath: string): HdfsOutputPaths {
  const stem = logPath.replace(/\.log$/, '');
  return {
    log: logPath,
    labels: `${stem}.labels.csv`,
    anomalies: `${stem}.anomalies.csv`,
    lineLabels: `${stem}.line-labels.csv`,
  };
}

/** Streams the log and its label files to disk (buffered synchronous writes, bounded memory). */
export function writeHdfsLogFiles(options: HdfsGeneratorOptions, paths: HdfsOutputPaths): HdfsGenerationSummary {
  validateOptions(options);
  const log = new BufferedFile(paths.log);
  const labels = new BufferedFile(paths.labels);
  const anomalies = new BufferedFile(paths.anomalies);
  const lineLabels = new BufferedFile(paths.lineLabels);
  try {
    labels.writeLine('BlockId,Label');
    anomalies.writeLine('BlockId,Kind');
    lineLabels.writeLine('line,block,kind');
    const summary = generateHdfsLog(options, {
      line: (text) => log.writeLine(text),
      block: (blockId, anomaly) => {
        labels.writeLine(anomaly === null ? `${blockId},Normal` : `${blockId},Anomaly`);
        if (anomaly !== null) anomalies.writeLine(`${blockId},${anomaly}`);
      },
      anomalousLine: (lineNumber, blockId, kind) => lineLabels.writeLine(`${lineNumber},${blockId},${kind}`),
    });
    for (const file of [log, labels, anomalies, lineLabels]) file.flush();
    return summary;
  } finally {
    for (const file of [log, labels, anomalies, lineLabels]) file.close();
  }
}

/** Collects lines in a buffer and writes it out when full. */
class BufferedFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends `line` and a newline; lines are ASCII. */
  writeLine(line: string): void {
    if (this.used + line.length + 1 > this.buffer.length) {
      this.flush();
      if (line.length + 1 > this.buffer.length) {
        writeSync(this.fd, line + '\n');
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'latin1');
    this.buffer[this.used++] = 0x0a;
  }

  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
