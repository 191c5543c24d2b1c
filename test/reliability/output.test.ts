/** --out is all old or all new after any failure or signal, and never spins. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect, hdfsLines, requireBuild, scratchFolder, startDetect } from './helpers';

const FILES = ['lines.csv', 'templates.csv', 'sessions.csv'];

function digests(dir: string): Record<string, string> {
  return Object.fromEntries(FILES.filter((name) => existsSync(join(dir, name)) && statSync(join(dir, name)).isFile()).map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('.'));
}

describe('reliability: --out', function () {
  this.timeout(180_000);
  const scratch = scratchFolder('out');
  let first: string;
  let second: string;

  before(() => {
    requireBuild();
    first = scratch.file('first.log', hdfsLines(200, 1).join('\n') + '\n');
    second = scratch.file('second.log', hdfsLines(150, 2).join('\n') + '\n');
  });
  after(() => scratch.remove());

  it('leaves the old files when one of the new ones cannot take its place', () => {
    const out = join(scratch.path, 'blocked');
    assert.equal(detect([first, '--out', out]).status, 0);
    const before = digests(out);
    // A folder where templates.csv goes: the run must not replace lines.csv and then fail.
    rmSync(join(out, 'templates.csv'));
    mkdirSync(join(out, 'templates.csv', 'x'), { recursive: true });
    const run = detect([second, '--out', out]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /templates\.csv is a folder/);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.equal(digests(out)['lines.csv'], before['lines.csv']);
    assert.equal(digests(out)['sessions.csv'], before['sessions.csv']);
    assert.deepEqual(leftovers(out), []);
  });

  it('replaces all three files on success, with no temporary files left', () => {
    const out = join(scratch.path, 'replaced');
    assert.equal(detect([first, '--out', out]).status, 0);
    const before = digests(out);
    assert.equal(detect([second, '--out', out]).status, 0);
    const after = digests(out);
    for (const name of FILES) assert.notEqual(after[name], before[name], name);
    assert.deepEqual(leftovers(out), []);
  });

  it('removes what a run killed after its renames set aside', () => {
    const out = join(scratch.path, 'finished');
    assert.equal(detect([first, '--out', out]).status, 0);
    const dead = 999_999;
    writeFileSync(join(out, `.lines.csv.${dead}.old`), 'old\n');
    const placed = digests(out);
    // A folder in the way of this run's sessions.csv: it fails after tidying up, so what it tidied shows.
    rmSync(join(out, 'sessions.csv'));
    mkdirSync(join(out, 'sessions.csv'));
    const run = detect([second, '--out', out]);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(digests(out)['lines.csv'], placed['lines.csv']);
    assert.deepEqual(leftovers(out), []);
  });

  it('restores the old files when a killed run had not finished', () => {
    const out = join(scratch.path, 'restored');
    assert.equal(detect([first, '--out', out]).status, 0);
    const before = digests(out);
    const dead = 999_998;
    writeFileSync(join(out, `.lines.csv.${dead}.old`), readFileSync(join(out, 'lines.csv')));
    writeFileSync(join(out, 'lines.csv'), 'half-written new file\n');
    for (const name of ['templates.csv', 'sessions.csv']) writeFileSync(join(out, `.${name}.${dead}.tmp`), 'new\n');
    // A folder in the way of this run's templates.csv: it fails, after putting the folder back as it was.
    rmSync(join(out, 'templates.csv'));
    mkdirSync(join(out, 'templates.csv'));
    const run = detect([second, '--out', out]);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(digests(out)['lines.csv'], before['lines.csv']);
    assert.equal(digests(out)['sessions.csv'], before['sessions.csv']);
    assert.deepEqual(leftovers(out), []);
  });

  it('removes its temporary files when stopped with SIGTERM or SIGINT while writing', async () => {
    const big = scratch.file('big.log', hdfsLines(20_000, 3).join('\n') + '\n');
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const out = join(scratch.path, `signal-${signal}`);
      mkdirSync(out);
      writeFileSync(join(out, 'lines.csv'), 'old\n');
      const child = startDetect([big, '--out', out]);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let sawTemporary = false;
      for (let waited = 0; waited < 120_000 && child.exitCode === null; waited += 2) {
        if (leftovers(out).some((name) => name.endsWith('.tmp'))) {
          sawTemporary = true;
          child.kill(signal);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const code = await exited;
      assert.ok(sawTemporary, `the run ended before it was seen writing (${signal})`);
      assert.equal(code, signal === 'SIGINT' ? 130 : 143);
      assert.deepEqual(leftovers(out), [], signal);
      assert.equal(readFileSync(join(out, 'lines.csv'), 'utf8'), 'old\n', signal);
    }
  });

  it('fails with one sentence, promptly, where no folder can be made (/proc/x)', () => {
    const run = detect([first, '--out', '/proc/log-anomaly-test/x'], { timeoutMs: 30_000 });
    assert.equal(run.signal, null, 'the run did not end');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^log-anomaly: Cannot write the results to \/proc\/log-anomaly-test\/x: [^\n]+\.\n$/);
  });
});
