/**
 * A parsing lane's thread: splits, parses and masks the lines of the chunks it is sent, in order,
 * while the analysis thread mines and assembles what it sends back (see analysis/reading/chunkParser).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AnalysisError, chunkBuffers, ChunkParser, type ReadingSetup } from '../analysis';
import type { FromParser, ParserError, ToParser } from '../protocol';

const port = parentPort;
if (port === null) throw new Error('parser.js must run as a worker thread');
const parser = new ChunkParser(workerData as ReadingSetup);

function describe(error: unknown): ParserError {
  const stack = (error as Error).stack ?? String(error);
  if (error instanceof AnalysisError) return { name: 'AnalysisError', code: error.code, message: error.message, stack };
  if (error instanceof RangeError) return { name: 'RangeError', code: null, message: error.message, stack };
  return { name: 'Error', code: null, message: (error as Error).message ?? String(error), stack };
}

port.on('message', (message: ToParser) => {
  try {
    const chunk = parser.parse(message.chunk);
    const reply: FromParser = { type: 'parsed', chunk };
    port.postMessage(reply, chunkBuffers(chunk));
  } catch (error) {
    const reply: FromParser = { type: 'failed', error: describe(error) };
    port.postMessage(reply);
  }
});
