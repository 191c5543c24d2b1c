/**
 * `npm run bench`: the CLI end to end on a generated, labelled 1M-line HDFS log.
 *
 * 1. Generates the log (seeded; cached in .bench/ by lines, seed, anomaly rate and generator version).
 * 2. Builds dist/ if any source is newer than dist/cli.js.
 * 3. Runs `node dist/cli.js detect LOG --out DIR [--model M] [CLI flags]` as a user would, timing
 *    it (wall clock, node start-up included) and recording its peak RSS.
 * 4. Scores sessions.csv and lines.csv against the labels: precision, recall, F1, PR-AUC.
 * 5. Prints a table and writes .bench/results.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_ANOMALY_RATE, hdfsOutputPaths, writeHdfsLogFiles, type HdfsGenerationSummary, type HdfsOutputPaths } from '../hdfs-generator';
import { evaluateLineFiles, evaluateSessionFiles, type LineEvaluation, type SessionEvaluation } from './metrics';

const ROOT = resolve(import.meta.dirname, '../..');
const BENCH_DIR = join(ROOT, '.bench');
/** What the generated log depends on: the generator's files and the engine's seeded generator it draws from. */
const GENERATOR_DIR = join(ROOT, 'scripts/hdfs-generator');
const GENERATOR_RNG = join(ROOT, 'src/analysis/models/random.ts');
const CLI = join(ROOT, 'dist/cli.js');
const PEAK_RSS_PRELOAD = join(ROOT, 'scripts/bench/peakRss.mjs');
const MODELS = ['iforest', 'ocsvm', 'ensemble'] as const;
/** Session models compared side by side, one run each, after the timed runs. */
const SESSION_MODELS = ['auto', 'invariants', 'pca', 'iforest', 'ocsvm', 'ensemble'] as const;
/** The engine's bar on this 2-core machine, for 1M lines. */
const BAR = { linesPerSecond: 300_000, peakRssMiB: 300 };

const USAGE = `Usage: npm run bench -- [options] [-- CLI flags]

  --lines N           lines in the generated HDFS log (default 1000000)
  --seed N            generator seed (default 1)
  --anomaly-rate F    fraction of anomalous blocks (default ${DEFAULT_ANOMALY_RATE})
  --model NAME        ${MODELS.join('|')} (default: the CLI's default)
  --all-models        run and compare ${MODELS.join(', ')}
  --runs N            runs per model (default 3): the table shows the run of median wall time
  --session-models L  session models to compare side by side, one run each (default ${SESSION_MODELS.join(',')}; none to skip)
  --no-build          use dist/ as it is
  Flags after a lone -- go to "log-anomaly detect" unchanged, e.g. -- --contamination 0.03
`;

interface BenchOptions {
  readonly lines: number;
  readonly seed: number;
  readonly anomalyRate: number;
  readonly models: readonly (string | null)[];
  readonly build: boolean;
  readonly runs: number;
  readonly sessionModels: readonly string[];
  readonly cliFlags: readonly string[];
}

interface Dataset {
  readonly paths: HdfsOutputPaths;
  readonly summary: HdfsGenerationSummary;
  readonly bytes: number;
  /** Seconds to generate it, or null if it came from the cache. */
  readonly generationSeconds: number | null;
}

interface RunResult {
  readonly model: string;
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly wallSeconds: number;
  readonly linesPerSecond: number;
  readonly peakRssMiB: number | null;
  /** User + system CPU time of the CLI process: what the wall time would be alone on one core. */
  readonly cpuSeconds: number | null;
  readonly sessions: SessionEvaluation | null;
  readonly lines: LineEvaluation | null;
  readonly error: string | null;
  /** Wall seconds of every run of this model, fastest first (the row shows the median run). */
  readonly allWallSeconds?: readonly number[];
}

function parseOptions(argv: readonly string[]): BenchOptions | null {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const { values } = parseArgs({
    args: [...own],
    options: {
      lines: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      'anomaly-rate': { type: 'string', default: String(DEFAULT_ANOMALY_RATE) },
      model: { type: 'string' },
      'all-models': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      'session-models': { type: 'string', default: SESSION_MODELS.join(',') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (values.model !== undefined && !(MODELS as readonly string[]).includes(values.model)) {
    throw new RangeError(`--model must be one of ${MODELS.join(', ')}; got "${values.model}"`);
  }
  const sessionModels = values['session-models'] === 'none' ? [] : values['session-models'].split(',').map((name) => name.trim());
  for (const name of sessionModels) {
    if (!(SESSION_MODELS as readonly string[]).includes(name)) throw new RangeError(`--session-models takes ${SESSION_MODELS.join(', ')} or none; got "${name}"`);
  }
  if (values.model !== undefined && values['all-models']) throw new RangeError('Give --model or --all-models, not both');
  return {
    lines: Number(values.lines),
    seed: Number(values.seed),
    anomalyRate: Number(values['anomaly-rate']),
    models: values['all-models'] ? MODELS : [values.model ?? null],
    build: !values['no-build'],
    runs: positiveInteger('--runs', values.runs),
    sessionModels,
    cliFlags: separator === -1 ? [] : argv.slice(separator + 1),
  };
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${flag} must be a positive integer; got "${text}"`);
  return value;
}

/** A hash of the generator's sources: a cached log is reused only while it is unchanged. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  const sources = readdirSync(GENERATOR_DIR).filter((name) => name.endsWith('.ts')).sort().map((name) => join(GENERATOR_DIR, name));
  for (const file of [...sources, GENERATOR_RNG]) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 10);
}

/** The generated log for these options, from the cache if the generator has not changed since. */
async function dataset(options: BenchOptions): Promise<Dataset> {
  const version = generatorVersion();
  const log = join(BENCH_DIR, `hdfs-${options.lines}-seed${options.seed}-rate${options.anomalyRate}-${version}.log`);
  const paths = hdfsOutputPaths(log);
  const summaryPath = log.replace(/\.log$/, '.summary.json');
  const files = [...Object.values(paths), summaryPath];
  if (files.every((file) => existsSync(file))) {
    const summary = JSON.parse(await readFile(summaryPath, 'utf8')) as HdfsGenerationSummary;
    return { paths, summary, bytes: statSync(log).size, generationSeconds: null };
  }
  await mkdir(BENCH_DIR, { recursive: true });
  process.stderr.write(`Generating ${options.lines.toLocaleString('en-US')} HDFS lines (seed ${options.seed}) into ${relative(ROOT, log)} ...\n`);
  // Written under temporary names and renamed, so an interrupted run never leaves a partial cache.
  const temporary = hdfsOutputPaths(log.replace(/\.log$/, `.tmp-${process.pid}.log`));
  const started = performance.now();
  const summary = writeHdfsLogFiles({ lines: options.lines, seed: options.seed, anomalyRate: options.anomalyRate }, temporary);
  const generationSeconds = (performance.now() - started) / 1000;
  for (const key of Object.keys(paths) as (keyof HdfsOutputPaths)[]) renameSync(temporary[key], paths[key]);
  await writeFileAtomically(summaryPath, JSON.stringify(summary, null, 2));
  return { paths, summary, bytes: statSync(log).size, generationSeconds };
}

/**
 * How fast this machine is right now: the best of three bare newline scans of the log (1 MB reads
 * and indexOf, no decoding), in lines per second. Shared machines vary by tens of percent from
 * hour to hour; this puts the CLI's figure in proportion.
 */
function newlineScanLinesPerSecond(path: string): number {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let best = Infinity;
  let lines = 0;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const fd = openSync(path, 'r');
    lines = 0;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      for (let at = buffer.indexOf(10, 0); at >= 0 && at < read; at = buffer.indexOf(10, at + 1)) lines++;
    }
    closeSync(fd);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return lines / best;
}

async function writeFileAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stats = statSync(path);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const path of ['src', 'esbuild.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, path))) visit(join(ROOT, path));
  }
  return newest;
}

function buildIfStale(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSourceTime()) return;
  process.stderr.write('dist/cli.js is older than the sources: npm run build\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
}

/** Peak RSS of a running process so far, from /proc (Linux); null elsewhere. */
function highWaterMarkKiB(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

async function runCli(data: Dataset, model: string | null, cliFlags: readonly string[], label?: string): Promise<RunResult> {
  const name = label ?? model ?? 'default';
  const outDir = join(BENCH_DIR, 'out', name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const rssFile = join(BENCH_DIR, 'out', `${name}.peak-rss.json`);
  await rm(rssFile, { force: true });
  const args = [CLI, 'detect', data.paths.log, '--out', outDir, ...(model === null ? [] : ['--model', model]), ...cliFlags];
  const command = ['node', ...args.map((arg) => (arg.startsWith(ROOT) ? relative(ROOT, arg) : arg))];
  process.stderr.write(`$ ${command.join(' ')}\n`);

  const started = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(PEAK_RSS_PRELOAD).href, ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let polledKiB = 0;
  const poll = setInterval(() => {
    if (child.pid !== undefined) polledKiB = Math.max(polledKiB, highWaterMarkKiB(child.pid) ?? 0);
  }, 50);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exitCode = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolveExit(code));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  await writeFile(join(BENCH_DIR, 'out', `${name}.stdout.txt`), Buffer.concat(stdout));

  // The preload's numbers are missing if the CLI was killed; /proc's high-water mark stands in.
  const usage = existsSync(rssFile) ? (JSON.parse(await readFile(rssFile, 'utf8')) as { maxRssKiB: number; cpuMicroseconds: number }) : null;
  const peakKiB = Math.max(usage?.maxRssKiB ?? 0, polledKiB);
  const base = {
    model: name,
    command,
    exitCode,
    wallSeconds,
    linesPerSecond: data.summary.lines / wallSeconds,
    peakRssMiB: peakKiB > 0 ? peakKiB / 1024 : null,
    cpuSeconds: usage === null ? null : usage.cpuMicroseconds / 1e6,
  };
  if (exitCode !== 0) {
    const tail = Buffer.concat(stderr).toString('utf8').trim().split('\n').slice(-5).join('\n');
    return { ...base, sessions: null, lines: null, error: `exit ${exitCode}: ${tail}` };
  }
  const [sessions, lines] = await Promise.all([
    evaluateSessionFiles({ sessions: join(outDir, 'sessions.csv'), labels: data.paths.labels, kinds: data.paths.anomalies }),
    evaluateLineFiles({ lines: join(outDir, 'lines.csv'), lineLabels: data.paths.lineLabels }),
  ]);
  return { ...base, sessions, lines, error: null };
}

// --- Report -----------------------------------------------------------------------------------

const integer = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(3));

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

function report(data: Dataset, runs: readonly RunResult[], sessionRuns: readonly RunResult[], load: number, newlineScan: number): string {
  const { summary } = data;
  const lines: string[] = [];
  lines.push(
    `HDFS log: ${integer(summary.lines)} lines, ${(data.bytes / 1e6).toFixed(1)} MB, ${integer(summary.blocks)} blocks of which ` +
      `${integer(summary.anomalousBlocks)} anomalous (${((100 * summary.anomalousBlocks) / summary.blocks).toFixed(2)}%), ` +
      `${integer(summary.anomalousLines)} anomalous lines` +
      (data.generationSeconds === null ? ' (cached)' : ` (generated in ${data.generationSeconds.toFixed(1)} s)`),
  );
  lines.push(`  ${relative(ROOT, data.paths.log)}`, '');
  const mark = (ok: boolean): string => (ok ? ' ok' : ' !!');
  lines.push(
    table([
      ['model', 'runs', 'wall s (median)', 'wall s (all)', 'cpu s', 'lines/s', 'peak RSS MiB', 'session P', 'R', 'F1', 'PR-AUC', 'line P', 'R', 'F1', 'PR-AUC'],
      ...runs.map((run) => [
        run.model,
        String(run.allWallSeconds?.length ?? 1),
        run.wallSeconds.toFixed(2),
        (run.allWallSeconds ?? [run.wallSeconds]).map((seconds) => seconds.toFixed(2)).join(' '),
        run.cpuSeconds === null ? 'n/a' : run.cpuSeconds.toFixed(2),
        integer(run.linesPerSecond) + mark(run.linesPerSecond >= BAR.linesPerSecond),
        run.peakRssMiB === null ? 'n/a' : run.peakRssMiB.toFixed(0) + mark(run.peakRssMiB < BAR.peakRssMiB),
        ratio(run.sessions?.precision),
        ratio(run.sessions?.recall),
        ratio(run.sessions?.f1),
        ratio(run.sessions?.averagePrecision),
        ratio(run.lines?.precision),
        ratio(run.lines?.recall),
        ratio(run.lines?.f1),
        ratio(run.lines?.averagePrecision),
      ]),
    ]),
  );
  lines.push(`(bar: >= ${integer(BAR.linesPerSecond)} lines/s and < ${BAR.peakRssMiB} MiB peak RSS; !! = missed)`);
  lines.push(`Machine speed now: a bare newline scan of the log runs at ${integer(newlineScan)} lines/s.`);
  if (load > cpus().length) {
    lines.push(`Warning: the machine was busy (load average ${load.toFixed(1)} on ${cpus().length} CPUs): wall times are inflated, compare cpu s.`);
  }
  for (const run of runs) {
    if (run.error !== null) lines.push('', `${run.model} FAILED: ${run.error}`);
  }
  const evaluated = runs.filter((run) => run.sessions !== null);
  if (evaluated.length > 0) {
    const kinds = [...new Set(evaluated.flatMap((run) => Object.keys(run.sessions?.byKind ?? {})))].sort();
    lines.push('', 'Session recall by anomaly kind (flagged / blocks):');
    lines.push(
      table([
        ['kind', ...evaluated.map((run) => run.model)],
        ...kinds.map((kind) => [
          kind,
          ...evaluated.map((run) => {
            const entry = run.sessions?.byKind[kind];
            return entry === undefined ? '-' : `${entry.flagged}/${entry.blocks} ${ratio(entry.recall)}`;
          }),
        ]),
      ]),
    );
    lines.push('', table([
      ['sessions', 'labelled', 'flagged', 'TP', 'FP', 'FN', 'no session', 'unlabelled'],
      ...evaluated.map((run) => {
        const s = run.sessions as SessionEvaluation;
        return [run.model, integer(s.sessions), integer(s.truePositives + s.falsePositives), integer(s.truePositives), integer(s.falsePositives), integer(s.falseNegatives), integer(s.missingSessions), integer(s.unlabelledSessions)];
      }),
    ]));
  }
  if (sessionRuns.length > 0) lines.push('', sessionModelTable(sessionRuns));
  return lines.join('\n') + '\n';
}

/** Each session model's quality side by side (one run each), with its recall per planted kind. */
function sessionModelTable(runs: readonly RunResult[]): string {
  const kinds = [...new Set(runs.flatMap((run) => Object.keys(run.sessions?.byKind ?? {})))].sort();
  const rows = [
    ['session model', 'flagged', 'session P', 'R', 'F1', 'PR-AUC', ...kinds],
    ...runs.map((run) => {
      const s = run.sessions;
      if (s === null) return [run.model, 'FAILED', ...Array.from({ length: 4 + kinds.length }, () => '-')];
      return [run.model, integer(s.truePositives + s.falsePositives), ratio(s.precision), ratio(s.recall), ratio(s.f1), ratio(s.averagePrecision), ...kinds.map((kind) => ratio(s.byKind[kind]?.recall))];
    }),
  ];
  return `Session models side by side (one run each; per-kind columns are recall):\n${table(rows)}`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  const data = await dataset(options);
  if (options.build) buildIfStale();
  if (!existsSync(CLI)) throw new Error('dist/cli.js does not exist: run npm run build');
  const newlineScan = newlineScanLinesPerSecond(data.paths.log);
  const runs: RunResult[] = [];
  for (const model of options.models) {
    // Other work on a shared machine slows single runs: the median of several is the figure.
    const repeats: RunResult[] = [];
    for (let i = 0; i < options.runs; i++) repeats.push(await runCli(data, model, options.cliFlags));
    const failed = repeats.find((run) => run.error !== null);
    const byWall = [...repeats].sort((a, b) => a.wallSeconds - b.wallSeconds);
    const median = failed ?? byWall[Math.floor((byWall.length - 1) / 2)];
    const peakRssMiB = Math.max(...repeats.map((run) => run.peakRssMiB ?? 0)) || null;
    runs.push({ ...median, peakRssMiB, allWallSeconds: byWall.map((run) => run.wallSeconds) });
  }
  const sessionRuns: RunResult[] = [];
  for (const sessionModel of options.sessionModels) {
    sessionRuns.push(await runCli(data, options.models[0], [...options.cliFlags, '--session-model', sessionModel], `session-${sessionModel}`));
  }
  // The one-minute load average at the end covers the runs: other work on the machine slows them.
  const load = loadavg()[0];
  process.stdout.write('\n' + report(data, runs, sessionRuns, load, newlineScan));
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform, loadAverage: load, newlineScanLinesPerSecond: newlineScan },
    bar: BAR,
    data: { path: relative(ROOT, data.paths.log), bytes: data.bytes, seed: options.seed, anomalyRate: options.anomalyRate, generationSeconds: data.generationSeconds, ...data.summary },
    runs,
    sessionRuns,
  };
  await writeFileAtomically(join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nWrote ${relative(ROOT, join(BENCH_DIR, 'results.json'))}\n`);
  return [...runs, ...sessionRuns].every((run) => run.error === null) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof RangeError || (error instanceof TypeError && 'code' in error);
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}` : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
