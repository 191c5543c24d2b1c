/** A user's regular expression is checked before use and cannot hang a run, in the CLI or in a parsing thread. */
import assert from 'node:assert/strict';
import { analyzeLog, bytesSource } from '../../src/analysis';
import { threadLanes } from '../../src/node/parsingThread';
import { CLI_PATTERN_NAMES, patternGuard, SETTING_PATTERN_NAMES } from '../../src/node/patternGuard';
import { DIST, detect, hdfsLines, requireBuild, scratchFolder } from './helpers';

/** 40 a's and a b: `(a+)+$` tries about 2^40 ways to split the a's before it gives up. */
const BACKTRACKING_LINE = `${'a'.repeat(40)}b`;

describe('reliability: user regular expressions', function () {
  this.timeout(120_000);
  const scratch = scratchFolder('patterns');
  let trap: string;

  before(() => {
    requireBuild();
    trap = scratch.file('r.log', `${BACKTRACKING_LINE}\n`);
  });
  after(() => scratch.remove());

  for (const [flag, pattern] of [
    ['--session-key', '(a+)+$'],
    ['--format', '^(?<message>(a+)+)$'],
  ] as const) {
    it(`stops ${flag} ${pattern} with one sentence naming ${flag}, in seconds`, () => {
      const started = Date.now();
      const run = detect([trap, flag, pattern], { timeoutMs: 30_000 });
      assert.equal(run.signal, null, 'the run hung');
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^log-anomaly: ${flag} took over 2 s on the log's first line: [^\\n]+\\.\\n$`));
      assert.ok(Date.now() - started < 20_000);
    });
  }

  it('refuses an invalid expression with a sentence naming the option', () => {
    const key = detect([trap, '--session-key', '(a']);
    assert.equal(key.status, 2);
    assert.match(key.stderr, /^log-anomaly: --session-key is not a valid regular expression: .*Unterminated group/);
    const format = detect([trap, '--format', '(?<message>']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /format "\(\?<message>" is not a valid regular expression/);
  });

  it('names the setting in the editor', () => {
    const guard = patternGuard(SETTING_PATTERN_NAMES, 500);
    assert.throws(() => guard({ format: 'auto', sessionKey: '(a+)+$', maxLineBytes: 4096, sample: [BACKTRACKING_LINE] }), /^RangeError: The logAnomaly\.sessionKey setting took over 0\.5 s/);
    assert.throws(() => guard({ format: 'auto', sessionKey: '[', maxLineBytes: 4096, sample: ['x'] }), /logAnomaly\.sessionKey setting is not a valid regular expression/);
    assert.doesNotThrow(() => guard({ format: 'auto', sessionKey: 'sid=(\\w+)', maxLineBytes: 4096, sample: ['sid=abc'] }));
  });

  it('stops a parsing thread that does not answer, with a sentence naming the expression', async () => {
    // The first lines are harmless, so the trial passes; a later line backtracks without end.
    const lines = hdfsLines(60);
    lines.push(`${lines[0].slice(0, 40)} ${BACKTRACKING_LINE}`);
    const lanes = threadLanes(DIST, CLI_PATTERN_NAMES, 3000);
    assert.ok(lanes !== null, 'dist/parser.js is missing');
    const started = Date.now();
    await assert.rejects(
      analyzeLog({ log: bytesSource(new TextEncoder().encode(lines.join('\n'))) }, { sessionKey: '(a+)+$' }, { lanes }),
      /Parsing a part of the log took over 3 s and was stopped: the regular expression of --session-key backtracks/,
    );
    assert.ok(Date.now() - started < 30_000);
  });
});
