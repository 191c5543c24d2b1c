/**
 * `--out DIR`: lines.csv, templates.csv and sessions.csv, all new or all old after any failure or
 * signal. The files are streamed to temporary names in DIR (`.lines.csv.PID.tmp`); only when all
 * three are written do the old files step aside (`.lines.csv.PID.old`) and the new ones take their
 * names, a few renames that are undone if one fails. Ctrl-C or SIGTERM removes the temporary files;
 * after a SIGKILL the next run finds the files of a process that no longer runs and puts the
 * folder back as it was before that process began its renames (or, if it finished them, removes
 * what it left).
 */
import { createWriteStream, rmSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { type AnalysisReport, linesCsv, type LogSource, sessionsCsv, templatesCsv } from '../analysis';

export const OUTPUT_FILES = ['lines.csv', 'templates.csv', 'sessions.csv'] as const;

const LEFTOVER = /^\.(lines|templates|sessions)\.csv\.(\d+)\.(tmp|old)$/;

const temporaryName = (name: string, pid: number): string => `.${name}.${pid}.tmp`;
const backupName = (name: string, pid: number): string => `.${name}.${pid}.old`;

/** `source`: the log the report was made of (lines.csv reads each entry's time and component from it again). */
export async function writeOutputDir(dir: string, report: AnalysisReport, source: LogSource): Promise<void> {
  await makeFolder(dir);
  await recoverLeftovers(dir);
  for (const name of OUTPUT_FILES) {
    const kind = await entryKind(join(dir, name));
    if (kind !== 'none' && kind !== 'file') throw new Error(`${join(dir, name)} is ${kind === 'folder' ? 'a folder' : 'not a regular file'}; remove it or choose another folder.`);
  }
  const contents: Record<(typeof OUTPUT_FILES)[number], Iterable<string | Uint8Array> | AsyncIterable<Uint8Array>> = {
    'lines.csv': linesCsv(report, source),
    'templates.csv': templatesCsv(report),
    'sessions.csv': sessionsCsv(report),
  };
  const pid = process.pid;
  const temporary = OUTPUT_FILES.map((name) => join(dir, temporaryName(name, pid)));
  const removeTemporary = (): void => {
    for (const path of temporary) rmSync(path, { force: true });
  };
  // A signal while the files are written removes them; one during the renames waits for them to finish or be undone.
  let committing = false;
  let deferred: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (committing) {
      deferred = signal;
      return;
    }
    removeTemporary();
    exitForSignal(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (let i = 0; i < OUTPUT_FILES.length; i++) await writeChunks(temporary[i], contents[OUTPUT_FILES[i]]);
    committing = true;
    await commit(dir, pid);
  } catch (error) {
    removeTemporary();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (deferred !== null) exitForSignal(deferred);
  }
}

/** Old files aside, new ones in; any failure puts the old ones back. */
async function commit(dir: string, pid: number): Promise<void> {
  const setAside: string[] = [];
  const placed: string[] = [];
  try {
    for (const name of OUTPUT_FILES) {
      if ((await entryKind(join(dir, name))) === 'none') continue;
      await rename(join(dir, name), join(dir, backupName(name, pid)));
      setAside.push(name);
    }
    for (const name of OUTPUT_FILES) {
      await rename(join(dir, temporaryName(name, pid)), join(dir, name));
      placed.push(name);
    }
  } catch (error) {
    for (const name of placed) await rm(join(dir, name), { force: true }).catch(() => undefined);
    for (const name of setAside) await rename(join(dir, backupName(name, pid)), join(dir, name)).catch(() => undefined);
    throw error;
  }
  for (const name of setAside) await rm(join(dir, backupName(name, pid)), { force: true });
}

/**
 * Files a run killed with SIGKILL left behind. While any of its temporary files remain it had not
 * finished: the old files it set aside go back, and the new files it had placed go (it places
 * lines.csv first, and writes it first, so a temporary lines.csv means it had placed none). When
 * none remain it had placed all three, and what it set aside is removed. Files of a process still
 * running are left alone.
 */
async function recoverLeftovers(dir: string): Promise<void> {
  const byProcess = new Map<number, { tmp: Set<string>; old: Set<string> }>();
  for (const entry of await readdir(dir)) {
    const match = LEFTOVER.exec(entry);
    if (match === null) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    const files = byProcess.get(pid) ?? { tmp: new Set(), old: new Set() };
    files[match[3] as 'tmp' | 'old'].add(`${match[1]}.csv`);
    byProcess.set(pid, files);
  }
  for (const [pid, { tmp, old }] of byProcess) {
    if (tmp.size > 0) {
      const placedAny = !tmp.has(OUTPUT_FILES[0]);
      for (const name of OUTPUT_FILES) {
        if (old.has(name)) await rename(join(dir, backupName(name, pid)), join(dir, name));
        else if (placedAny && !tmp.has(name)) await rm(join(dir, name), { force: true });
      }
      for (const name of tmp) await rm(join(dir, temporaryName(name, pid)), { force: true });
    } else {
      for (const name of old) await rm(join(dir, backupName(name, pid)), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function entryKind(path: string): Promise<'none' | 'file' | 'folder' | 'other'> {
  try {
    const info = await lstat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/**
 * `mkdir -p` one level at a time: Node's recursive mkdir never returns on some paths (under /proc,
 * where mkdir fails with ENOENT under a folder that exists).
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} exists and is not a folder.`, { cause: error });
      return;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeFolder(parent);
    try {
      await mkdir(dir);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again;
    }
  }
}

function exitForSignal(signal: NodeJS.Signals): never {
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

async function writeChunks(path: string, chunks: Iterable<string | Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  const stream = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
}
