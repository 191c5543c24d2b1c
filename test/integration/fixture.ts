// The fixture workspace the harness generated for this run (planted anomalous lines, the payload line,
// the empty, binary and big files), for integration tests that need to know what to expect.
import * as fs from 'node:fs';
import type { FixtureWorkspace } from '../e2e/fixtures';

export const FIXTURE_VARIABLE = 'LOG_ANOMALY_FIXTURE';

export function fixtureWorkspace(): FixtureWorkspace {
  const file = process.env[FIXTURE_VARIABLE];
  if (!file) throw new Error(`${FIXTURE_VARIABLE} is not set: run the suite through npm run test:integration or npm run test:vscode`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureWorkspace;
}
