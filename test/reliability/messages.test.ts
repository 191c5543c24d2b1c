/** Bad output targets and odd option values end in one sentence and exit 2, never a stack trace. */
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync } from 'node:fs';
import { detect, hdfsLines, requireBuild, scratchFolder } from './helpers';

describe('reliability: messages', function () {
  this.timeout(120_000);
  const scratch = scratchFolder('messages');
  let log: string;

  before(() => {
    requireBuild();
    log = scratch.file('base.log', hdfsLines(100).join('\n') + '\n');
  });
  after(() => scratch.remove());

  it('says so in one sentence when stdout is full (> /dev/full)', () => {
    assert.ok(existsSync('/dev/full'), 'this test needs /dev/full');
    for (const extra of [[], ['--json']]) {
      const full = openSync('/dev/full', 'w');
      try {
        const run = detect([log, ...extra], { stdoutFd: full });
        assert.equal(run.status, 2, run.stderr);
        assert.equal(run.stderr, 'log-anomaly: Cannot write the output: no space left on the device.\n');
      } finally {
        closeSync(full);
      }
    }
  });

  it("refuses --top '' and --seed '' and a --top past 100,000 with a sentence", () => {
    for (const [flag, value] of [
      ['--top', ''],
      ['--seed', ''],
      ['--top', ' '],
      ['--top', '100001'],
      ['--top', '-1'],
      ['--seed', '+5'],
      ['--seed', '1e3'],
    ]) {
      const run = detect([log, `${flag}=${value}`]);
      assert.equal(run.status, 2, `${flag} "${value}"`);
      assert.match(run.stderr, new RegExp(`^log-anomaly: ${flag} must be a whole number from 0 to [\\d,]+; got "${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\.\\n`));
    }
  });

  it('with --top 0 lists nothing and does not claim there are no anomalies', () => {
    const run = detect([log, '--top', '0', '--contamination', '0.1']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\d+ anomalous lines/);
    assert.doesNotMatch(run.stdout, /No anomalous lines|Top \d/);
  });

  it('names the baseline when the baseline is binary', () => {
    const binary = scratch.file('baseline.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const run = detect([log, '--baseline', binary]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^log-anomaly: [^\n]*baseline\.bin: This looks like a binary file/);
  });
});
