// Runs the integration tests with mocha inside a running VS Code (the extension host): used by the
// companion extension in code-server and by the @vscode/test-electron entry on a desktop.
import Mocha from 'mocha';
import { tests } from 'integration-tests';
import type { SuiteResults, TestOutcome } from './results';

export async function runIntegrationSuite(options: { grep?: string } = {}): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (options.grep) mocha.grep(options.grep);
  for (const { file, load } of tests) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    load();
    mocha.suite.emit('require', undefined, file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }

  const outcomes: TestOutcome[] = [];
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('pending', (test) => outcomes.push({ title: test.fullTitle(), state: 'pending' }));
    // Also fires for failing hooks, which then stand for the tests they kept from running.
    runner.on('fail', (test, error: Error) =>
      outcomes.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) }),
    );
  });
  const count = (state: TestOutcome['state']) => outcomes.filter((outcome) => outcome.state === state).length;
  return { passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs: Date.now() - started, tests: outcomes };
}
