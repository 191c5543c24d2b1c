// The harness: sets up the machine, packages and installs the extension, generates the fixture
// workspace, then runs the requested layers in a real VS Code (code-server driven by headless
// Chromium) and writes a summary the test aggregator reads.
//
//   tsx test/e2e/run.ts setup                     install what is missing (apt, Node 24, code-server)
//   tsx test/e2e/run.ts integration               the mocha integration suite inside code-server
//   tsx test/e2e/run.ts e2e [--theme light|dark]  the user scenario, in both themes unless one is named
//   tsx test/e2e/run.ts all                       integration, then e2e
//
// Environment: LOG_ANOMALY_E2E_CACHE (Node 24 and code-server; default ~/.cache/log-anomaly-e2e),
// LOG_ANOMALY_E2E_RESULTS (screenshots, logs, summary; default .e2e-results), LOG_ANOMALY_INTEGRATION_GREP,
// LOG_ANOMALY_SCREENSHOTS (a folder for the README's pictures: `npm run screenshots` sets media/screenshots).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../integration/build';
import { FIXTURE_VARIABLE } from '../integration/fixture';
import { RESULTS_FILE_VARIABLE, type ResultsFile } from '../integration/results';
import { createProfile, installExtension, startCodeServer, type CodeServer, type Profile } from './codeServer';
import { ensureEnvironment, type Environment } from './environment';
import { createFixtureWorkspace, fixtureForRun, type FixtureWorkspace } from './fixtures';
import { log, SetupError, timed } from './log';
import { packageCompanion, packageExtension } from './packaging';
import { runScenario, THEMES, type ThemeName } from './scenario';
import { Steps } from './steps';
import { Workbench } from './workbench';

/** Counts of one layer; `error` says why it could not run (it then counts as one failure). */
export interface LayerSummary {
  passed: number;
  failed: number;
  seconds: number;
  error?: string;
}

export interface HarnessSummary {
  setupSeconds: number;
  setupError?: string;
  layers: { integration?: LayerSummary; e2e?: LayerSummary };
}

/** Chromium flags for this closed network: no background connections, no sandbox as root, no GPU. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const INTEGRATION_TIMEOUT_MS = 10 * 60_000;

/** Where the README's pictures go when `npm run screenshots` asks for them (LOG_ANOMALY_SCREENSHOTS). */
function showcaseRoot(): string | undefined {
  const dir = process.env.LOG_ANOMALY_SCREENSHOTS;
  return dir ? path.resolve(REPO_ROOT, dir) : undefined;
}

function resultsRoot(): string {
  return path.resolve(process.env.LOG_ANOMALY_E2E_RESULTS ?? path.join(REPO_ROOT, '.e2e-results'));
}

interface Prepared {
  readonly env: Environment;
  readonly vsix: string;
  /** The pristine workspace; each run works on its own copy (fixtureForRun). */
  readonly fixture: FixtureWorkspace;
}

async function prepare(results: string): Promise<Prepared> {
  log.info('setting up the machine');
  const env = ensureEnvironment();
  log.info('building and packaging the extension with vsce');
  const vsix = packageExtension(path.join(results, 'log-anomaly-detector.vsix'));
  log.info('generating the fixture workspace');
  const fixture = createFixtureWorkspace(path.join(results, 'fixture'));
  log.detail(`${fixture.folder}: hdfs.log (${fixture.hdfsLog.lineCount} lines, planted lines ${fixture.hdfsLog.anomalousLines.join(', ')}), empty.log, binary.log, big.log (${(fs.statSync(fixture.bigLog).size / 1024 / 1024).toFixed(0)} MB)`);
  return { env, vsix, fixture };
}

async function launchBrowser(env: Environment): Promise<Browser> {
  return chromium.launch({ executablePath: env.chromium, args: CHROMIUM_ARGS, headless: true });
}

/** Keeps what helps debugging next to the screenshots: the browser console and the extension host log. */
function keepLogs(workbench: Workbench, profile: Profile, dir: string): void {
  fs.writeFileSync(path.join(dir, 'browser-console.log'), `${workbench.console.join('\n')}\n`);
  const logs = path.join(profile.userDataDir, 'logs');
  if (!fs.existsSync(logs)) return;
  for (const name of fs.readdirSync(logs, { recursive: true, encoding: 'utf8' })) {
    if (path.basename(name) === 'remoteexthost.log') fs.copyFileSync(path.join(logs, name), path.join(dir, 'exthost.log'));
  }
}

/** Runs `work` against a started code-server and always stops it. */
async function withCodeServer<T>(server: Promise<CodeServer>, work: (server: CodeServer) => Promise<T>): Promise<T> {
  const started = await server;
  try {
    return await work(started);
  } finally {
    await started.stop();
  }
}

async function runIntegration(prepared: Prepared, browser: Browser, results: string): Promise<LayerSummary> {
  const dir = path.join(results, 'integration');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const companion = await packageCompanion(path.join(dir, 'runner-extension'), path.join(dir, 'log-anomaly-integration-runner.vsix'));
  const profile = createProfile(path.join(dir, 'profile'), { 'workbench.colorTheme': THEMES.dark });
  installExtension(prepared.env, profile, prepared.vsix);
  installExtension(prepared.env, profile, companion);
  const resultsFile = path.join(dir, 'results.json');
  const run = fixtureForRun(prepared.fixture, dir);
  const env: Record<string, string> = { [RESULTS_FILE_VARIABLE]: resultsFile, [FIXTURE_VARIABLE]: run.file };
  if (process.env.LOG_ANOMALY_INTEGRATION_GREP) env.LOG_ANOMALY_INTEGRATION_GREP = process.env.LOG_ANOMALY_INTEGRATION_GREP;

  const server = startCodeServer(prepared.env, { profile, logFile: path.join(dir, 'code-server.log'), env });
  return withCodeServer(server, async (started) => {
    // The extension host starts when a window connects, so the suite needs a browser page too.
    const workbench = await Workbench.open(browser, started.workspaceUrl(run.fixture.folder));
    try {
      const outcome = await waitForResults(resultsFile);
      await workbench.page.screenshot({ path: path.join(dir, 'workbench.png') });
      if (outcome.state === 'crashed') throw new SetupError(`the integration suite crashed: ${outcome.error}`);
      for (const test of outcome.tests) {
        log.info(`${test.state === 'passed' ? 'ok   ' : test.state === 'failed' ? 'FAIL ' : 'skip '} integration ${test.title}`);
        if (test.error) log.detail(test.error.split('\n').slice(0, 8).join('\n      '));
      }
      // A pending test did not run: it counts as failed rather than vanishing from the total.
      return { passed: outcome.passed, failed: outcome.failed + outcome.pending, seconds: 0 };
    } finally {
      keepLogs(workbench, profile, dir);
      await workbench.page.close();
    }
  });
}

async function waitForResults(file: string): Promise<Exclude<ResultsFile, { state: 'running' }>> {
  const deadline = Date.now() + INTEGRATION_TIMEOUT_MS;
  let seen: ResultsFile | undefined;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      seen = JSON.parse(fs.readFileSync(file, 'utf8')) as ResultsFile;
      if (seen.state !== 'running') return seen;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new SetupError(
    seen ? `the integration suite started but did not finish within ${INTEGRATION_TIMEOUT_MS / 60_000} minutes` : 'the integration runner extension never started (no results file); see code-server.log and the exthost log in the profile',
  );
}

async function runE2e(prepared: Prepared, browser: Browser, results: string, themes: readonly ThemeName[]): Promise<LayerSummary> {
  let passed = 0;
  let failed = 0;
  for (const theme of themes) {
    const dir = path.join(results, theme);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const { fixture } = fixtureForRun(prepared.fixture, dir);
    const profile = createProfile(path.join(results, 'profiles', theme), { 'workbench.colorTheme': THEMES[theme] });
    installExtension(prepared.env, profile, prepared.vsix);
    const server = startCodeServer(prepared.env, { profile, logFile: path.join(dir, 'code-server.log') });
    await withCodeServer(server, async (started) => {
      const workbench = await Workbench.open(browser, started.workspaceUrl(fixture.folder));
      try {
        const steps = new Steps(workbench.page, theme, dir, showcaseRoot());
        await runScenario({ steps, workbench, fixture, theme });
        passed += steps.passed;
        failed += steps.failed;
        fs.writeFileSync(path.join(dir, 'steps.json'), `${JSON.stringify(steps.outcomes, null, 2)}\n`);
      } finally {
        keepLogs(workbench, profile, dir);
        await workbench.page.close();
      }
    });
  }
  return { passed, failed, seconds: 0 };
}

function parseArguments(argv: readonly string[]): { layers: Array<'integration' | 'e2e'>; themes: ThemeName[] } {
  const [command = 'all', ...rest] = argv;
  const themeIndex = rest.indexOf('--theme');
  const theme = themeIndex >= 0 ? rest[themeIndex + 1] : undefined;
  if (theme !== undefined && !(theme in THEMES)) throw new RangeError(`--theme must be one of ${Object.keys(THEMES).join(', ')}, not ${theme}`);
  const themes = theme ? [theme as ThemeName] : (Object.keys(THEMES) as ThemeName[]);
  const layers = { setup: [], integration: ['integration'], e2e: ['e2e'], all: ['integration', 'e2e'] } as const;
  if (!(command in layers)) throw new RangeError(`command must be one of ${Object.keys(layers).join(', ')}, not ${command}`);
  return { layers: [...layers[command as keyof typeof layers]], themes };
}

async function main(): Promise<number> {
  const { layers, themes } = parseArguments(process.argv.slice(2));
  const results = resultsRoot();
  fs.mkdirSync(results, { recursive: true });
  const summary: HarnessSummary = { setupSeconds: 0, layers: {} };
  const summaryFile = path.join(results, 'summary.json');
  fs.rmSync(summaryFile, { force: true });

  let prepared: Prepared | undefined;
  try {
    const setup = await timed(async () => {
      if (layers.length > 0) return prepare(results);
      ensureEnvironment();
      return undefined;
    });
    prepared = setup.value;
    summary.setupSeconds = setup.seconds;
    log.info(`set-up done in ${setup.seconds.toFixed(1)}s`);
  } catch (error) {
    summary.setupError = error instanceof Error ? error.message : String(error);
    log.error(`set-up failed: ${summary.setupError}`);
  }

  if (prepared) {
    const browser = await launchBrowser(prepared.env);
    try {
      for (const layer of layers) {
        const run = await timed(async (): Promise<LayerSummary> => {
          try {
            return layer === 'integration' ? await runIntegration(prepared!, browser, results) : await runE2e(prepared!, browser, results, themes);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log.error(`${layer} could not run: ${message}`);
            return { passed: 0, failed: 1, seconds: 0, error: message };
          }
        });
        summary.layers[layer] = { ...run.value, seconds: run.seconds };
      }
    } finally {
      await browser.close();
    }
  } else {
    for (const layer of layers) summary.layers[layer] = { passed: 0, failed: 1, seconds: 0, error: `set-up failed: ${summary.setupError}` };
  }

  fs.writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  for (const [layer, counts] of Object.entries(summary.layers)) {
    log.info(`${layer}: ${counts.passed} passed, ${counts.failed} failed in ${counts.seconds.toFixed(1)}s${counts.error ? ` (could not run: ${counts.error.split('\n')[0]})` : ''}`);
  }
  if (layers.some((layer) => layer === 'e2e')) log.info(`screenshots: ${results}/{${themes.join(',')}}/NN-step.png`);
  const failed = summary.setupError !== undefined || Object.values(summary.layers).some((counts) => counts.failed > 0);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(2);
  },
);
