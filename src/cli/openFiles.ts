/** The command line's files, opened: a file that cannot be read is a UserError of one sentence naming it. */
import type { BaselineModel } from '../analysis';
import { baselineAt } from '../node/baselineFile';
import { fileSystemProblem, openLog, type OpenedLog, unreadableReason } from '../node/files';
import { sentence, UserError } from './userError';

/** The log at `path` (named `name` in messages), opened for a run. */
export async function openLogFile(path: string, name = path, options: { completeLines?: boolean } = {}): Promise<OpenedLog> {
  await checkReadable(path);
  try {
    return await openLog(path, options);
  } catch (error) {
    throw new UserError(sentence(`${name} cannot be read: ${fileSystemProblem(error)}`));
  }
}

/** The --baseline file: a log opened, or the model saved in it loaded (a SavedModelError says why it cannot be used). */
export async function openBaselineFile(path: string): Promise<OpenedLog | BaselineModel> {
  await checkReadable(path);
  try {
    return await baselineAt(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new UserError(sentence(`${path} cannot be read: ${fileSystemProblem(error)}`));
  }
}

async function checkReadable(path: string): Promise<void> {
  const reason = await unreadableReason(path);
  if (reason !== null) throw new UserError(reason);
}
