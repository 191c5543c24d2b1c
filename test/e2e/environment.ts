// Sets up what a real VS Code run needs on a fresh Debian machine that reaches only the npm registry
// and Debian's packages: system packages (Chromium, the headers code-server's native modules build
// against), Node 24 from the npm registry, and code-server installed with that Node. Node and
// code-server are cached outside the repository so that repeated runs skip them; each is installed
// into a staging folder and renamed into place only when complete, so a half-finished install is
// never mistaken for a good one.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { log, SetupError } from './log';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian packages and how to tell each is there: Chromium to drive the UI; Kerberos headers, pkg-config
 * and a C++ toolchain for code-server's native `kerberos` module (the toolchain is usually present already).
 */
const SYSTEM_PACKAGES: ReadonlyArray<{ name: string; present: () => boolean }> = [
  { name: 'chromium', present: () => fs.existsSync(CHROMIUM_PATH) },
  { name: 'libkrb5-dev', present: () => isDebianPackageInstalled('libkrb5-dev') },
  { name: 'pkg-config', present: () => hasCommand('pkg-config') },
  { name: 'python3', present: () => hasCommand('python3') },
  { name: 'make', present: () => hasCommand('make') },
  { name: 'g++', present: () => hasCommand('g++') },
];

export interface Environment {
  /** Node 24 binary that runs code-server. */
  readonly node: string;
  /** code-server's CLI script (run it with `node`). */
  readonly codeServer: string;
  readonly chromium: string;
  /** PATH with Node 24 first, for anything spawned for code-server. */
  readonly path: string;
}

export function cacheRoot(): string {
  return process.env.LOG_ANOMALY_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'log-anomaly-e2e');
}

export function ensureEnvironment(): Environment {
  ensureSystemPackages();
  const root = cacheRoot();
  fs.mkdirSync(root, { recursive: true });
  const node = ensureNode(root);
  const pathWithNode = `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`;
  const codeServer = ensureCodeServer(root, node, pathWithNode);
  return { node, codeServer, chromium: CHROMIUM_PATH, path: pathWithNode };
}

function isDebianPackageInstalled(name: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function missingPackages(): string[] {
  return SYSTEM_PACKAGES.filter((entry) => !entry.present()).map((entry) => entry.name);
}

function ensureSystemPackages(): void {
  const missing = missingPackages();
  if (missing.length === 0) {
    log.info(`system packages present: ${SYSTEM_PACKAGES.map((entry) => entry.name).join(' ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      `missing Debian packages: ${missing.join(' ')}. Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
  log.info(`installing Debian packages: ${missing.join(' ')} (apt-get, about a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
  const still = missingPackages();
  if (still.length > 0) throw new SetupError(`apt-get did not install: ${still.join(' ')}`);
  if (!fs.existsSync(CHROMIUM_PATH)) throw new SetupError(`Chromium is installed but ${CHROMIUM_PATH} is missing`);
}

function ensureNode(root: string): string {
  const dir = path.join(root, `node-${NODE_MAJOR}`);
  const node = path.join(dir, 'node_modules', 'node', 'bin', 'node');
  if (isComplete(dir) && versionOf(node, ['--version'])?.startsWith(`v${NODE_MAJOR}.`)) {
    log.info(`Node ${NODE_MAJOR} cached: ${node}`);
    return node;
  }
  log.info(`installing Node ${NODE_MAJOR} from the npm registry into ${dir} (npm install node@${NODE_MAJOR})`);
  installInto(dir, (staging) => {
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', staging, `node@${NODE_MAJOR}`], { env: npmFreeEnvironment() });
  });
  const version = versionOf(node, ['--version']);
  if (!version?.startsWith(`v${NODE_MAJOR}.`)) throw new SetupError(`${node} does not run as Node ${NODE_MAJOR} (got ${version ?? 'nothing'})`);
  log.info(`Node ${version} ready`);
  return node;
}

function ensureCodeServer(root: string, node: string, pathWithNode: string): string {
  const dir = path.join(root, `code-server-${CODE_SERVER_VERSION}`);
  const script = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const env = { ...npmFreeEnvironment(), PATH: pathWithNode };
  // Without a config file code-server writes one, with a password, into ~/.config on every start.
  const config = path.join(root, 'code-server-config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const versionArgs = [script, '--config', config, '--version'];
  if (isComplete(dir) && versionOf(node, versionArgs, env)?.startsWith(CODE_SERVER_VERSION)) {
    log.info(`code-server ${CODE_SERVER_VERSION} cached: ${dir}`);
    return script;
  }
  log.info(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} into ${dir} (about 2 minutes)`);
  installInto(dir, (staging) => {
    // npm itself runs on Node 24 too: lifecycle scripts see the Node that runs npm, and code-server's postinstall insists on 24.
    run(node, [npmCli(), 'install', '--no-save', '--no-audit', '--no-fund', '--prefix', staging, `code-server@${CODE_SERVER_VERSION}`], { env });
  });
  const version = versionOf(node, versionArgs, env);
  if (!version?.startsWith(CODE_SERVER_VERSION)) throw new SetupError(`code-server does not start: \`${node} ${versionArgs.join(' ')}\` printed ${version ?? 'nothing'}`);
  log.info(`code-server ${version.split(/\s/)[0]} ready`);
  return script;
}

/**
 * The environment without what an enclosing `npm run` exported: npm reads `npm_config_*` back as its
 * own configuration, and code-server's postinstall takes the Node version from `npm_config_user_agent`.
 */
function npmFreeEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** The machine's npm entry script, so that it can be run with another Node. */
function npmCli(): string {
  const found = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new SetupError('npm is not on PATH');
  const cli = fs.realpathSync(found);
  if (!cli.endsWith('.js')) throw new SetupError(`npm at ${found} is not a JavaScript entry point (${cli})`);
  return cli;
}

const COMPLETE_MARKER = '.install-complete';

function isComplete(dir: string): boolean {
  return fs.existsSync(path.join(dir, COMPLETE_MARKER));
}

/** Installs into `<dir>.partial` and renames it into place on success; leftovers of an interrupted run are wiped first. */
function installInto(dir: string, install: (staging: string) => void): void {
  const staging = `${dir}.partial`;
  for (const leftover of [staging, dir]) {
    if (fs.existsSync(leftover)) {
      log.info(`removing unfinished install ${leftover}`);
      fs.rmSync(leftover, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(staging, { recursive: true });
  install(staging);
  fs.writeFileSync(path.join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  fs.renameSync(staging, dir);
}

function versionOf(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!fs.existsSync(command)) return undefined;
  const result = spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): void {
  log.detail(`$ ${command} ${args.join(' ')}`);
  try {
    execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: options.env ?? process.env, cwd: options.cwd });
  } catch (error) {
    throw new SetupError(`\`${command} ${args.join(' ')}\` failed: ${(error as Error).message}`);
  }
}
