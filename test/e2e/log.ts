// Output of the harness: one prefix per line so that its progress is easy to follow inside `npm test`.

/** A failure of the machine set-up (packages, Node, code-server, packaging), as opposed to a failing check. */
export class SetupError extends Error {
  override name = 'SetupError';
}

const started = Date.now();

function stamp(): string {
  return `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
}

export const log = {
  info(message: string): void {
    console.log(`[e2e ${stamp()}] ${message}`);
  },
  detail(message: string): void {
    console.log(`[e2e ${stamp()}]   ${message}`);
  },
  error(message: string): void {
    console.error(`[e2e ${stamp()}] ERROR ${message}`);
  },
};

/** Runs `work` and returns its result with the seconds it took, for the timings the harness reports. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const start = Date.now();
  const value = await work();
  return { value, seconds: (Date.now() - start) / 1000 };
}
