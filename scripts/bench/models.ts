// `npm run bench:models`: how long the models take on the engine's typical largest input, 20,000
// distinct vectors × 40 columns (twelve clusters plus one wide column, counts heavy-tailed like
// template frequencies). Prints the median of --runs (default 5) per stage; claims in the README
// come from here, not from timed tests.
// The models themselves, not a run of the engine: imported from their room rather than the front door.
import type { Dataset } from '../../src/analysis/models/dataset';
import { IsolationForest } from '../../src/analysis/models/isolationForest';
import { OneClassSvm } from '../../src/analysis/models/oneClassSvm';
import { createRng } from '../../src/analysis/models/random';

function largeData(weighted: boolean): Dataset {
  const rows = 20_000;
  const cols = 40;
  const rng = createRng(7);
  const values = new Float64Array(rows * cols);
  const weights = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const cluster = rng.nextInt(12);
    for (let c = 0; c < cols; c++) {
      const gaussian = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      values[r * cols + c] = (c % 12 === cluster ? 3 : 0) + 0.3 * gaussian + (c === cols - 1 ? 50 * rng.next() : 0);
    }
    weights[r] = 1 + Math.floor(1 / (1e-3 + rng.next()));
  }
  return weighted ? { rows, cols, values, weights } : { rows, cols, values };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a whole number of at least 1, not ${process.argv[runsIndex + 1]}`);

const weighted = largeData(true);
const unweighted = largeData(false);
const stages: Record<string, number[]> = { 'Isolation Forest fit + score (weighted)': [], 'One-Class SVM fit (2,000 drawn rows)': [], 'One-Class SVM score (20,000 rows)': [] };
for (let run = 0; run < runs; run++) {
  stages['Isolation Forest fit + score (weighted)']!.push(time(() => new IsolationForest().fit(weighted, createRng(1)).anomalyScores(weighted)));
  let svm: ReturnType<OneClassSvm['fit']> | undefined;
  stages['One-Class SVM fit (2,000 drawn rows)']!.push(time(() => (svm = new OneClassSvm().fit(unweighted, createRng(1)))));
  stages['One-Class SVM score (20,000 rows)']!.push(time(() => svm!.decisionFunction(unweighted)));
}
console.log(`models on 20,000 rows × 40 columns, median of ${runs === 1 ? '1 run' : `${runs} runs`} (node ${process.version}):`);
for (const [stage, ms] of Object.entries(stages)) console.log(`  ${stage.padEnd(42)} ${median(ms).toFixed(0).padStart(6)} ms`);
