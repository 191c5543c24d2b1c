/** Nothing a log or a file name holds reaches the terminal as a control. */
import assert from 'node:assert/strict';
import { detect, hdfsLines, requireBuild, scratchFolder } from './helpers';

/** C0 controls but the line feed (ESC, BEL...), DEL, C1 controls (the CSI U+009B) and the bidi controls. */
function controlIn(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    if (control) return `U+${code.toString(16).padStart(4, '0')} at ${i}`;
  }
  return null;
}

describe('reliability: terminal safety', function () {
  this.timeout(120_000);
  const scratch = scratchFolder('terminal');
  let log: string;

  before(() => {
    requireBuild();
    const lines = hdfsLines(40).map((line, i) => `${line} sid=${i % 25 === 0 ? '\u001b]0;TITLE\u0007' : `s${i % 9}`}`);
    lines.push(`${lines[3].slice(0, 40)} \u009b31m and \u202egnp.exe\u202c`);
    log = scratch.file('name\u001b[31m\u202e.log', lines.join('\n') + '\n');
  });
  after(() => scratch.remove());

  it('escapes controls in session ids, reasons, line texts and the file name', () => {
    const run = detect([log, '--session-key', 'sid=(\\S+)', '--contamination', '0.5', '--top', '1000']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(controlIn(run.stdout), null);
    assert.match(run.stdout, /\\x1B\]0;TITLE\\x07/);
    assert.match(run.stdout, /\\x9B31m/);
    assert.match(run.stdout, /\\u202Egnp/);
    assert.match(run.stdout, /^name\\x1B\[31m\\u202E\.log: /);
  });

  it('escapes them in JSON too, as the same values', () => {
    const run = detect([log, '--session-key', 'sid=(\\S+)', '--contamination', '0.5', '--top', '1000', '--json']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(controlIn(run.stdout), null);
    const result = JSON.parse(run.stdout) as { sessions: { session: string }[]; anomalies: { text: string }[] };
    assert.ok(result.sessions.some((s) => s.session === '\u001b]0;TITLE\u0007'));
    assert.ok(result.anomalies.some((a) => a.text.includes('\u202egnp')));
  });

  it('escapes them in messages about a file name', () => {
    const run = detect([`${scratch.path}/missing\u001b]0;X\u0007.log`]);
    assert.equal(run.status, 2);
    assert.equal(controlIn(run.stderr), null);
    assert.match(run.stderr, /missing\\x1B\]0;X\\x07\.log does not exist\./);
  });
});
