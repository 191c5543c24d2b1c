/** A log that moves during a run: read through one handle to the size it had, and the change reported. */
import assert from 'node:assert/strict';
import { appendFileSync, renameSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { analyzeLog } from '../../src/analysis';
import { openLog, readFileLines, CHANGED_LINE_TEXT } from '../../src/node/files';
import { hdfsLines, scratchFolder } from './helpers';

describe('reliability: files that move during a run', function () {
  this.timeout(60_000);
  const scratch = scratchFolder('files');
  const lines = hdfsLines(100);
  const text = lines.join('\n') + '\n';
  after(() => scratch.remove());

  it('reads a deleted log to its end through the open handle and says it was deleted', async () => {
    const path = scratch.file('deleted.log', text);
    const log = await openLog(path);
    try {
      unlinkSync(path);
      const report = await analyzeLog({ log: log.source });
      assert.equal(report.stats.lines, lines.length);
      assert.deepEqual(await log.readLines(report.lines.starts, [0, lines.length - 1]), [lines[0], lines.at(-1)]);
      assert.equal((await log.change('deleted.log'))?.kind, 'deleted');
      assert.match((await log.change('deleted.log'))?.message ?? '', /^deleted\.log was deleted during the run/);
    } finally {
      await log.close();
    }
  });

  it('shows a rotated log its own lines, not the new file at the old offsets, and says it was replaced', async () => {
    const path = scratch.file('rotated.log', text);
    const log = await openLog(path);
    try {
      const report = await analyzeLog({ log: log.source });
      renameSync(path, `${path}.1`);
      writeFileSync(path, 'a new file\n'.repeat(500));
      assert.deepEqual(await log.readLines(report.lines.starts, [5]), [lines[5]]);
      assert.equal((await log.change())?.kind, 'replaced');
    } finally {
      await log.close();
    }
  });

  it('reads a growing log only to the size it had when the run began', async () => {
    const path = scratch.file('growing.log', text);
    const log = await openLog(path);
    try {
      appendFileSync(path, text.repeat(3));
      const report = await analyzeLog({ log: log.source });
      assert.equal(report.stats.lines, lines.length);
      assert.equal((await log.change())?.kind, 'grew');
    } finally {
      await log.close();
    }
  });

  it('says a truncated log was truncated', async () => {
    const path = scratch.file('truncated.log', text);
    const log = await openLog(path);
    try {
      truncateSync(path, 1000);
      const report = await analyzeLog({ log: log.source });
      assert.ok(report.stats.lines < lines.length);
      assert.equal((await log.change())?.kind, 'truncated');
    } finally {
      await log.close();
    }
  });

  it('says nothing for a log that did not change', async () => {
    const path = scratch.file('still.log', text);
    const log = await openLog(path);
    try {
      await analyzeLog({ log: log.source });
      assert.equal(await log.change(), null);
    } finally {
      await log.close();
    }
  });

  it('gives the editor no text from elsewhere for a file that changed since it was scored', async () => {
    const path = scratch.file('editor.log', text);
    const log = await openLog(path);
    const report = await analyzeLog({ log: log.source });
    await log.close();
    assert.deepEqual(await readFileLines(path, report.lines.starts, [3], 2000, log.stamp), [lines[3]]);
    writeFileSync(path, text.replace(/INFO/g, 'WARN'));
    assert.deepEqual(await readFileLines(path, report.lines.starts, [3], 2000, log.stamp), [CHANGED_LINE_TEXT]);
  });
});
