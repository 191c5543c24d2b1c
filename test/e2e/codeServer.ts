// Starts code-server on loopback with private user-data and extensions folders, waits until it answers,
// and always stops it: it runs in its own process group, which is killed on stop() and when the
// harness exits for any reason.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Environment } from './environment';
import { log, SetupError } from './log';

export interface Profile {
  /** Private VS Code user-data folder (settings.json lives in `User/`). */
  readonly userDataDir: string;
  readonly extensionsDir: string;
}

export interface CodeServer {
  readonly url: string;
  /** URL that opens `folder` as the workspace. */
  workspaceUrl(folder: string): string;
  stop(): Promise<void>;
}

/** A fresh profile under `dir` with the user settings given (merged over quiet defaults for tests). */
export function createProfile(dir: string, settings: Record<string, unknown>): Profile {
  fs.rmSync(dir, { recursive: true, force: true });
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'files.hotExit': 'off',
    // VS Code for the web saves edits after a second by default; desktop VS Code does not, and the
    // suite checks that an edited log is scored unsaved and left untouched on disk.
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...quiet, ...settings }, null, 2)}\n`);
  return { userDataDir, extensionsDir };
}

function codeServerArgs(profile: Profile, configFile: string): string[] {
  return [
    '--config', configFile,
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

/** code-server writes a config with a password into ~/.config on first start unless given one. */
function writeConfig(profile: Profile): string {
  const file = path.join(profile.userDataDir, 'code-server.yaml');
  fs.writeFileSync(file, 'auth: none\ncert: false\n');
  return file;
}

/** Installs a .vsix the way a user does, into the profile's private extensions folder. */
export function installExtension(env: Environment, profile: Profile, vsix: string): void {
  const args = [env.codeServer, ...codeServerArgs(profile, writeConfig(profile)), '--install-extension', vsix, '--force'];
  const result = spawnSync(env.node, args, { encoding: 'utf8', env: { ...process.env, PATH: env.path, EXTENSIONS_GALLERY: LOOPBACK_GALLERY }, timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new SetupError(`code-server --install-extension ${path.basename(vsix)} failed (exit ${result.status}): ${output}`);
  }
  log.detail(`installed ${path.basename(vsix)} into ${profile.extensionsDir}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * code-server asks Open VSX for updates of built-in extensions; the machine reaches no such host, so
 * the gallery points at a closed loopback port and the request fails at once without leaving it.
 */
const LOOPBACK_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/vscode/gallery', itemUrl: 'http://127.0.0.1:9/vscode/item' });

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Whatever ends the harness, no code-server outlives it.
process.on('exit', () => running.forEach((child) => killGroup(child, 'SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    running.forEach((child) => killGroup(child, 'SIGKILL'));
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

export interface StartOptions {
  readonly profile: Profile;
  /** Where code-server's own output goes. */
  readonly logFile: string;
  /** Extra environment for code-server and so for the extension host it starts. */
  readonly env?: Record<string, string>;
  readonly readyTimeoutMs?: number;
}

export async function startCodeServer(env: Environment, options: StartOptions): Promise<CodeServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [env.codeServer, ...codeServerArgs(options.profile, writeConfig(options.profile)), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`];
  const out = fs.openSync(options.logFile, 'w');
  const child = spawn(env.node, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, PATH: env.path, EXTENSIONS_GALLERY: LOOPBACK_GALLERY, ...options.env },
  });
  fs.closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    running.delete(child);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      throw new SetupError(`code-server exited before it was ready (${child.exitCode ?? child.signalCode}); see ${options.logFile}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        log.detail(`code-server ready on ${url} (log: ${options.logFile})`);
        return { url, workspaceUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new SetupError(`code-server did not answer on ${url} within ${options.readyTimeoutMs ?? 60_000} ms; see ${options.logFile}`);
}
