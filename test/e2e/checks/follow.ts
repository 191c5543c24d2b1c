// Follow This Log in a real VS Code: a scored log offers it in the editor's title bar; a line then
// written to the file gets its gutter mark and its Problems entry without a new run; Stop Following
// ends it and the title bar offers Follow again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log } from '../log';
import type { ScenarioContext } from '../scenario';

const DETECT_COMMAND = 'Log Anomaly: Detect Anomalies';
const FOCUS_PROBLEMS = 'View: Focus Problems (Errors, Warnings, Infos)';
const HIDE_PANEL = 'View: Hide Panel';
/** A line no normal HDFS run writes: a new template at ERROR level. */
const ANOMALOUS_LINE = '081109 214500 99 ERROR dfs.DataNode: 10.251.71.16:50010:DataXceiver: java.io.IOException: No space left on device while writing blk_-1234567890123456789';

export async function checkFollow({ steps, workbench, fixture, theme }: ScenarioContext): Promise<void> {
  const liveName = `live-${theme}.log`;
  const live = path.join(fixture.folder, liveName);
  // The fixture's normal lines: the first 3,000 are the log, the next ones what it writes later.
  const planted = new Set(fixture.hdfsLog.anomalousLines);
  const normal = fs
    .readFileSync(fixture.hdfsLog.file, 'utf8')
    .trimEnd()
    .split('\n')
    .filter((_, i) => !planted.has(i + 1));
  fs.writeFileSync(live, `${normal.slice(0, 3000).join('\n')}\n`);
  const editorActions = workbench.page.locator('.editor-group-container.active .editor-actions');
  const follow = editorActions.locator('.action-label[aria-label^="Follow This Log"]');
  const stop = editorActions.locator('.action-label[aria-label^="Stop Following"]');

  await steps.step(`a scored ${liveName} offers Follow This Log in its title bar`, async () => {
    await workbench.quickOpen(liveName);
    await workbench.clearNotifications();
    await workbench.runCommand(DETECT_COMMAND);
    await workbench.waitForProgressToFinish();
    await workbench.quickOpen(liveName);
    await follow.waitFor({ timeout: 10_000 });
    await follow.click();
    await workbench.waitForNotification(/^Following live-\w+\.log: lines written to it are scored as they arrive/);
    await stop.waitFor({ timeout: 10_000 });
    assert.equal(await follow.count(), 0, 'Follow is replaced by Stop Following');
  });

  const line = 3000 + 200 + 1;
  await steps.step(`a line written to ${liveName} is marked and listed in Problems without a new run`, async () => {
    fs.appendFileSync(live, `${normal.slice(3000, 3200).join('\n')}\n${ANOMALOUS_LINE}\n${normal.slice(3200, 3400).join('\n')}\n`);
    const written = Date.now();
    // The editor shows the line once VS Code reloads the file; the mark once the result has it.
    for (;;) {
      const marked = await workbench
        .goToLine(line, 300)
        .then(async () => (await workbench.gutterIconLines()).includes(line))
        .catch(() => false);
      if (marked) break;
      assert.ok(Date.now() - written < 20_000, `line ${line} has no gutter mark ${Date.now() - written} ms after it was written`);
      await workbench.page.waitForTimeout(100);
    }
    const markedAfter = Date.now() - written;
    log.detail(`line ${line} of ${liveName} was marked ${markedAfter} ms after it was written (VS Code's reload of the file included)`);
    assert.match((await workbench.visibleLines()).get(line) ?? '', /No space left on device/);
    await workbench.runCommand(FOCUS_PROBLEMS);
    // Other logs' problems come first: the filter narrows the list to this one's.
    const filter = workbench.page.getByPlaceholder(/^Filter \(e\.g\./).first();
    await filter.fill(liveName);
    const row = workbench.page.locator('.markers-panel .monaco-list-row', { hasText: 'New template' }).first();
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), /New template: not in the [\d,.k]+ lines before/);
    const status = workbench.page.locator(`.statusbar-item[aria-label^="Log anomalies in ${liveName}:"] .codicon-eye`);
    assert.equal(await status.count(), 1, 'the status bar shows the log is followed');
    assert.ok(markedAfter < 10_000, `marked ${markedAfter} ms after it was written`);
  }, { showcase: 'follow' });
  await workbench.page.getByPlaceholder(/^Filter \(e\.g\./).first().fill('');
  await workbench.runCommand(HIDE_PANEL);

  await steps.step('Stop Following ends it; the title bar offers Follow again', async () => {
    await workbench.quickOpen(liveName);
    await stop.click();
    await follow.waitFor({ timeout: 10_000 });
    const eye = workbench.page.locator(`.statusbar-item[aria-label^="Log anomalies in ${liveName}:"] .codicon-eye`);
    await eye.waitFor({ state: 'detached', timeout: 10_000 });
  });
}
