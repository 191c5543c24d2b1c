/**
 * `--out DIR`: lines.csv, templates.csv and sessions.csv, written completely or not at all. Each
 * file is streamed to a temporary name in DIR and renamed only when all three are written.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { type AnalysisReport, linesCsv, sessionsCsv, templatesCsv } from '../analysis';

export async function writeOutputDir(dir: string, report: AnalysisReport): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: [string, Iterable<string | Uint8Array>][] = [
    ['lines.csv', linesCsv(report)],
    ['templates.csv', templatesCsv(report)],
    ['sessions.csv', sessionsCsv(report)],
  ];
  const temporary = files.map(([name]) => join(dir, `.${name}.${process.pid}.tmp`));
  try {
    for (let i = 0; i < files.length; i++) await writeChunks(temporary[i], files[i][1]);
    for (let i = 0; i < files.length; i++) await rename(temporary[i], join(dir, files[i][0]));
  } catch (error) {
    await Promise.all(temporary.map((path) => rm(path, { force: true })));
    throw error;
  }
}

async function writeChunks(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const stream = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
}
