// Polling for what the workbench shows after an action: it renders when it is ready, and on a loaded
// machine that is later than any fixed pause would allow.

/** Resolves once `condition` holds, checked every 200 ms; throws naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
