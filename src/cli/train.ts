/**
 * `log-anomaly train GOOD.log --save MODEL.json`: fits a known-good log and saves the model, for
 * `detect NEW.log --baseline MODEL.json` to score against without learning again. The file is
 * written to a temporary name beside it and renamed, so it is complete or absent.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { AnalysisError, groupDigits, plural, savedModelJson, trainBaseline } from '../analysis';
import { CompressedLogError } from '../node/compressed';
import { fileSystemProblem } from '../node/files';
import { readingHooks } from './readingHooks';
import type { CliCommand } from './args';
import { terminalSafe } from './output';
import { ProgressBar } from './progressBar';
import { openLogFile } from './openFiles';
import { sentence, UserError } from './userError';

/** Fits the log at `path` (named `command.file`) and writes the model to `command.save`. */
export async function train(command: CliCommand, path: string): Promise<void> {
  const save = command.save as string;
  const log = await openLogFile(path, command.file);
  const bar = new ProgressBar(process.stderr);
  let model;
  try {
    model = await trainBaseline(log.source, command.options, {
      onProgress: (progress) => bar.update(progress),
      ...readingHooks(command),
    });
  } catch (error) {
    if (error instanceof AnalysisError || error instanceof CompressedLogError) throw new UserError(error.message);
    throw error;
  } finally {
    bar.clear();
    await log.close();
  }
  if (model.lines === 0 || model.templates.length === 0) throw new UserError(`${command.file} has no log lines: there is nothing to learn from.`);
  const temporary = `${save}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, savedModelJson(model));
    await rename(temporary, save);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new UserError(sentence(`Cannot write the model to ${save}: ${fileSystemProblem(error)}`));
  }
  process.stdout.write(terminalSafe(`Saved the ${model.model} model of ${command.file} (${groupDigits(model.lines)} lines, ${plural(model.templates.length, 'template')}) to ${save}`) + '\n');
}
