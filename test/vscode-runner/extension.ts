// Test-only companion extension: when VS Code starts with LOG_ANOMALY_INTEGRATION_RESULTS set, it runs
// the integration suite in this extension host and writes the outcome there as JSON (first
// `running`, then `done` or `crashed`). The e2e harness packages and installs it next to the product;
// it is never part of the published .vsix.
import * as fs from 'node:fs';
import { RESULTS_FILE_VARIABLE, type ResultsFile } from '../integration/results';
import { runIntegrationSuite } from '../integration/suite';

function write(file: string, results: ResultsFile): void {
  // Write then rename, so the harness never reads half a file.
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

export function activate(): void {
  const file = process.env[RESULTS_FILE_VARIABLE];
  if (!file) return;
  write(file, { state: 'running', startedAt: new Date().toISOString() });
  runIntegrationSuite({ grep: process.env.LOG_ANOMALY_INTEGRATION_GREP }).then(
    (results) => write(file, { state: 'done', ...results }),
    (error: unknown) => write(file, { state: 'crashed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}

export function deactivate(): void {}
