/**
 * `npm run generate:hdfs -- --out FILE.log [--lines N] [--seed N] [--anomaly-rate F]`: writes a
 * synthetic labelled HDFS log and, next to it, FILE.labels.csv, FILE.anomalies.csv and
 * FILE.line-labels.csv (see scripts/hdfs-generator/).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ANOMALY_RATE, hdfsOutputPaths, writeHdfsLogFiles } from '../hdfs-generator';

const USAGE = `Usage: npm run generate:hdfs -- --out FILE.log [--lines N] [--seed N] [--anomaly-rate F]

  --out FILE.log      the log; labels go next to it (FILE.labels.csv, FILE.anomalies.csv, FILE.line-labels.csv)
  --lines N           number of lines (default 1000000)
  --seed N            random seed (default 1)
  --anomaly-rate F    fraction of anomalous blocks (default ${DEFAULT_ANOMALY_RATE})
`;

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      lines: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      'anomaly-rate': { type: 'string', default: String(DEFAULT_ANOMALY_RATE) },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.out === undefined) throw new RangeError('--out FILE.log is required');
  const paths = hdfsOutputPaths(values.out);
  mkdirSync(dirname(values.out), { recursive: true });
  const started = performance.now();
  const summary = writeHdfsLogFiles({ lines: Number(values.lines), seed: Number(values.seed), anomalyRate: Number(values['anomaly-rate']) }, paths);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `Wrote ${summary.lines.toLocaleString('en-US')} lines in ${seconds.toFixed(1)} s: ${summary.blocks.toLocaleString('en-US')} blocks, ` +
      `${summary.anomalousBlocks.toLocaleString('en-US')} anomalous, ${summary.anomalousLines.toLocaleString('en-US')} anomalous lines\n` +
      `  ${paths.log}\n  ${paths.labels}\n  ${paths.anomalies}\n  ${paths.lineLabels}\n`,
  );
}

try {
  main();
} catch (error) {
  // Bad arguments (RangeError, or parseArgs' TypeError with a code) get the usage and exit code 2.
  const usage = error instanceof RangeError || (error instanceof TypeError && 'code' in error);
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}` : ''}`);
  process.exitCode = usage ? 2 : 1;
}
