/**
 * Dev check of session detection against per-session labels (dev-only: e.g. the HDFS block
 * sessions in ../shared/data/hdfs-sessions). The log goes through the engine once per session
 * model, with every other setting at its default, and the script prints each model's precision,
 * recall, F1 and PR-AUC over the labelled sessions, next to the published figures on HDFS.
 *
 *   npm run eval:sessions -- LOG LABELS.csv [--models auto,invariants,...] [--halves N] [--seed N]
 *
 *   LABELS.csv      `block,label` (label 1 = anomalous, 0 = normal) or loghub's `BlockId,Label` (Anomaly/Normal)
 *   --halves N      also scores N seeded random halves of the labelled sessions: mean and lowest F1 and PR-AUC
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeLog, SESSION_MODEL_NAMES, type SessionModelName } from '../src/analysis';
import { createRng } from '../src/analysis/models/random';
import { openLog } from '../src/node/files';
import { averagePrecision, confusion, flagQuality, parseCsv } from './bench/metrics';
import { textTable } from './textTable';

/** Session F1 on HDFS in the loglizer benchmark (He et al., ISSRE 2016) and DeepLog (CCS 2017). */
const PUBLISHED_F1: Readonly<Record<string, string>> = {
  invariants: '0.915 (Invariants Mining)',
  pca: '0.769 (PCA)',
  iforest: '0.802 (Isolation Forest)',
};
const PUBLISHED_OTHERS = 'published elsewhere: Log Clustering 0.837, DeepLog ~0.95 (supervised by normal sessions)';

interface Quality {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly prAuc: number;
}

function readLabels(path: string): Map<string, boolean> {
  const text = readFileSync(path, 'utf8');
  const header = text.slice(0, text.indexOf('\n')).trim();
  if (header.startsWith('BlockId')) return new Map(parseCsv(text, ['BlockId', 'Label']).map((row) => [row.BlockId, row.Label === 'Anomaly']));
  return new Map(parseCsv(text, ['block', 'label']).map((row) => [row.block, row.label === '1']));
}

function quality(ids: readonly string[], labels: ReadonlyMap<string, boolean>, scoreOf: ReadonlyMap<string, { score: number; flagged: boolean }>): Quality {
  const truth = ids.map((id) => labels.get(id) === true);
  const flags = ids.map((id) => scoreOf.get(id)?.flagged ?? false);
  const scores = ids.map((id) => scoreOf.get(id)?.score ?? Number.NEGATIVE_INFINITY);
  return { ...flagQuality(confusion(truth, flags)), prAuc: averagePrecision(truth, scores) };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { models: { type: 'string', default: SESSION_MODEL_NAMES.join(',') }, halves: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' } },
  });
  if (positionals.length !== 2) throw new RangeError('Usage: npm run eval:sessions -- LOG LABELS.csv [--models auto,invariants,pca,iforest] [--halves N]');
  const [logPath, labelsPath] = positionals;
  const labels = readLabels(labelsPath);
  const ids = [...labels.keys()];
  const models = values.models.split(',').map((name) => name.trim()) as SessionModelName[];
  const halves = Number(values.halves);
  const rows: string[][] = [['model', 'used', 'flagged', 'P', 'R', 'F1', 'PR-AUC', ...(halves > 0 ? ['F1 mean/min', 'PR-AUC mean/min'] : []), 'run s', 'sessions s', 'published F1']];
  for (const model of models) {
    const started = performance.now();
    const opened = await openLog(logPath);
    const report = await analyzeLog({ log: opened.source }, { sessionModel: model }).finally(() => opened.close());
    const seconds = (performance.now() - started) / 1000;
    const { sessions } = report;
    const scoreOf = new Map<string, { score: number; flagged: boolean }>();
    for (let s = 0; s < sessions.count; s++) scoreOf.set(sessions.ids[s], { score: sessions.scores[s], flagged: sessions.flagged[s] === 1 });
    const all = quality(ids, labels, scoreOf);
    const row = [model, report.stats.sessionModel ?? '-', String(report.stats.anomalousSessions), ...[all.precision, all.recall, all.f1, all.prAuc].map((n) => n.toFixed(3))];
    if (halves > 0) {
      const rng = createRng(Number(values.seed));
      const f1s: number[] = [];
      const aucs: number[] = [];
      for (let h = 0; h < halves; h++) {
        const half = ids.filter(() => rng.next() < 0.5);
        const q = quality(half, labels, scoreOf);
        f1s.push(q.f1);
        aucs.push(q.prAuc);
      }
      const summary = (list: number[]): string => `${(list.reduce((a, b) => a + b, 0) / list.length).toFixed(3)}/${Math.min(...list).toFixed(3)}`;
      row.push(summary(f1s), summary(aucs));
    }
    row.push(seconds.toFixed(1), ((report.stats.stageMs.sessions ?? 0) / 1000).toFixed(2), PUBLISHED_F1[report.stats.sessionModel ?? ''] ?? '');
    rows.push(row);
  }
  process.stdout.write(`${labels.size} labelled sessions, ${[...labels.values()].filter(Boolean).length} anomalous\n\n`);
  process.stdout.write(textTable(rows, (column) => column < 2));
  process.stdout.write(`\n(${PUBLISHED_OTHERS})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof RangeError ? 2 : 1;
});
