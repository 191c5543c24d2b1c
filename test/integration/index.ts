// Entry point for @vscode/test-electron (`extensionTestsPath`): runs the suite and rejects when any
// test failed, which makes VS Code exit non-zero.
import { runIntegrationSuite } from './suite';

export async function run(): Promise<void> {
  const results = await runIntegrationSuite({ grep: process.env.LOG_ANOMALY_INTEGRATION_GREP });
  console.log(`integration: ${results.passed} passed, ${results.failed} failed`);
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
  if (results.passed === 0) throw new Error('no integration test ran');
}
