// What Detect Anomalies shows inside the editor of a real VS Code, after it ran on hdfs.log: the
// status bar count, Problems, gutter marks on the planted lines, the hover with the payload as text,
// the sidebar's two views and their reveal; then, from the explorer, a 55 MB file (too large to be a
// document for extensions), an empty file and a binary file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PAYLOAD } from '../fixtures';
import type { ScenarioContext } from '../scenario';
import { scriptEffects } from '../webviews';
import { waitUntil } from '../wait';
import type { Workbench } from '../workbench';

const ACTIVITY = 'Log Anomaly Detector';
const ANOMALIES_VIEW = 'Log Anomalies';
const TEMPLATES_VIEW = 'Templates';
const DETECT_IN_FILE = 'Detect Anomalies in File';
const FOCUS_PROBLEMS = 'View: Focus Problems (Errors, Warnings, Infos)';
const HIDE_PANEL = 'View: Hide Panel';

/** Our status bar item: "14 anomalies" (its accessible label names the file). */
async function statusBarCount(workbench: Workbench, fileName: string): Promise<number> {
  const item = workbench.page.locator(`.statusbar-item[aria-label^="Log anomalies in ${fileName}:"]`).first();
  await item.waitFor({ timeout: 10_000 });
  const text = (await item.innerText()).trim();
  if (text === 'No anomalies') return 0;
  const match = /^([\d,]+) anomal(?:y|ies)(?: in .*)?$/.exec(text);
  assert.ok(match, `status bar item reads "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

/**
 * Shows an activity bar container in the side bar unless it is showing already (a click on the
 * active one would hide the side bar). Clicks the whole activity item: our count badge covers the
 * middle of the icon, where a click on the icon alone would land.
 */
async function showActivity(workbench: Workbench, title: string): Promise<void> {
  const shown = workbench.page.locator('.sidebar .composite.title', { hasText: title });
  if (await shown.isVisible()) return;
  await workbench.page.locator('.activitybar .action-item', { has: workbench.page.locator(`.action-label[aria-label^="${title}"]`) }).first().click();
  await shown.waitFor();
}

/** Clicks the row of a sidebar view whose label contains `text`. */
async function clickViewRow(workbench: Workbench, viewTitle: string, text: string): Promise<void> {
  const pane = workbench.page.locator('.sidebar .pane').filter({ has: workbench.page.locator('.pane-header .title', { hasText: viewTitle }) }).first();
  await pane.locator('.pane-body .monaco-list-row', { hasText: text }).first().click();
}

/** Checks run right after Detect Anomalies on hdfs.log, with hdfs.log the active editor. */
export async function checkEditor({ steps, workbench, fixture }: ScenarioContext): Promise<void> {
  const hdfs = fixture.hdfsLog;
  const hdfsName = path.basename(hdfs.file);
  let anomalies = 0;

  await steps.step('the status bar shows the anomaly count of hdfs.log', async () => {
    anomalies = await statusBarCount(workbench, hdfsName);
    assert.ok(anomalies >= hdfs.anomalousLines.length, `${anomalies} anomalies, ${hdfs.anomalousLines.length} planted`);
  });

  await steps.step('Problems lists the top anomalies, the worst as errors', async () => {
    const counts = await workbench.problemCounts();
    assert.equal(counts.errors + counts.warnings + counts.infos, Math.min(100, anomalies), JSON.stringify(counts));
    assert.ok(counts.errors >= 1, JSON.stringify(counts));
  });

  await steps.step('every planted line has a gutter mark, the FATAL one critical; the payload line at least high', async () => {
    const texts = fs.readFileSync(hdfs.file, 'utf8').split('\n');
    const fatalLine = hdfs.anomalousLines.find((line) => texts[line - 1]?.includes('FATAL'));
    assert.ok(fatalLine !== undefined, 'the fixture plants a FATAL line');
    const missing: number[] = [];
    for (const line of hdfs.anomalousLines) {
      await workbench.goToLine(line);
      if (!(await workbench.gutterIconLines()).includes(line)) missing.push(line);
    }
    assert.deepEqual(missing, [], `planted lines without a gutter icon: ${missing.join(', ')}`);
    await workbench.goToLine(fatalLine);
    assert.ok((await workbench.gutterIconLines('critical-')).includes(fatalLine), `critical icon on the FATAL line ${fatalLine}`);
    await workbench.goToLine(hdfs.payloadLine);
    const graded = [...(await workbench.gutterIconLines('critical-')), ...(await workbench.gutterIconLines('high-'))];
    assert.ok(graded.includes(hdfs.payloadLine), 'a high or critical icon on the payload line');
    const squiggled = [...(await workbench.squiggleLines('error')), ...(await workbench.squiggleLines('warning'))];
    assert.ok(squiggled.includes(hdfs.payloadLine), 'an error or warning squiggle on the payload line');
  });

  await steps.step('the hover on the payload line explains it and shows the payload as text', async () => {
    const text = await workbench.hoverLine(hdfs.payloadLine);
    assert.match(text, /Log anomaly #\d+ of \d+ · score 0\.\d\d \((critical|high|anomaly)\)/);
    assert.match(text, /model: Isolation Forest/);
    assert.match(text, /Why it stands out:/);
    assert.ok(text.includes('<img src=x onerror="document.title='), `the payload is not shown as text: ${text}`);
    const hover = workbench.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    assert.equal(await hover.locator('img, script, a[href^="command:"]').count(), 0, 'markup from the log was rendered');
    assert.deepEqual(await scriptEffects(workbench.page, { titleMarker: 'pwned', globals: ['__pwned'] }), []);
  });

  await steps.step('the sidebar lists the anomalies; a click reveals the line', async () => {
    await showActivity(workbench, ACTIVITY);
    const rows = await workbench.viewRows(ANOMALIES_VIEW, { atLeast: Math.min(anomalies, 10) });
    assert.equal(rows.length, Math.min(anomalies, rows.length));
    assert.ok(rows.every((row) => /^[\d,]+: /.test(row.label) && /^[01]\.\d\d$/.test(row.description)), JSON.stringify(rows.slice(0, 3)));
    const payload = rows.find((row) => row.label.includes('Unexpected client name'));
    assert.ok(payload, `no payload row among ${rows.map((row) => row.label).join(' | ')}`);
    assert.ok(payload.label.includes(PAYLOAD), `payload label reads ${payload.label}`);
    await clickViewRow(workbench, ANOMALIES_VIEW, 'FATAL: NameNode edit log is corrupt');
    const revealed = async () => /FATAL: NameNode edit log is corrupt/.test((await workbench.visibleLines()).get(await workbench.cursorLine()) ?? '');
    await waitUntil(revealed, 'the cursor on the FATAL line').catch(() => undefined);
    const cursor = await workbench.cursorLine();
    assert.ok(hdfs.anomalousLines.includes(cursor), `cursor on line ${cursor}, not a planted line`);
    assert.match((await workbench.visibleLines()).get(cursor) ?? '', /FATAL: NameNode edit log is corrupt/);
  }, { showcase: 'sidebar' });

  await steps.step('the hover on the FATAL line says why it stands out', async () => {
    const line = await workbench.cursorLine();
    const text = await workbench.hoverLine(line);
    assert.match(text, /Log anomaly #\d+ of \d+/);
    assert.match(text, /Why it stands out:/);
  }, { showcase: 'hover' });

  await steps.step('Problems lists the anomalies with their reasons', async () => {
    await workbench.runCommand(FOCUS_PROBLEMS);
    const rows = workbench.page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 10_000 });
    const texts = await rows.allInnerTexts();
    assert.ok(texts.some((text) => text.includes(hdfsName)), `Problems shows ${texts.slice(0, 3).join(' | ')}`);
    assert.ok(texts.some((text) => /log-anomaly/.test(text)), `no row from log-anomaly among ${texts.slice(0, 3).join(' | ')}`);
  }, { showcase: 'problems' });
  await workbench.runCommand(HIDE_PANEL);

  await steps.step('the Templates view lists templates rarest first', async () => {
    const rows = await workbench.viewRows(TEMPLATES_VIEW, { atLeast: 5 });
    const counts = rows.map((row) => Number(/^×([\d,]+)/.exec(row.description)?.[1].replace(/,/g, '') ?? NaN));
    assert.ok(counts.every((count) => Number.isFinite(count)), JSON.stringify(rows.slice(0, 5)));
    assert.deepEqual(counts, [...counts].sort((a, b) => a - b));
    assert.equal(counts[0], 1);
  });

  await steps.step(`back to the explorer and ${hdfsName}`, async () => {
    await showActivity(workbench, 'Explorer');
    await workbench.quickOpen(hdfsName);
  });
}

/** Files from the explorer's context menu: run after the other checks, since they change the active log. */
export async function checkExplorerFiles({ steps, workbench, fixture }: ScenarioContext): Promise<void> {
  const bigName = path.basename(fixture.bigLog);

  await steps.step(`Cancel in the progress notification stops the run on ${bigName}`, async () => {
    await workbench.clearNotifications();
    await showActivity(workbench, 'Explorer');
    await workbench.explorerContextMenu(bigName, DETECT_IN_FILE);
    const progress = workbench.page.locator('.notifications-toasts .notification-toast', { hasText: `Detecting anomalies in ${bigName}` }).first();
    await progress.waitFor({ timeout: 10_000 });
    const cancelledAt = Date.now();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached', timeout: 5_000 });
    const seconds = (Date.now() - cancelledAt) / 1000;
    assert.ok(seconds < 3, `the notification stayed ${seconds.toFixed(1)} s after Cancel`);
    await workbench.page.waitForTimeout(1000);
    const shown = await workbench.notifications();
    assert.ok(!shown.some((notification) => notification.severity === 'error' || notification.message.includes(`in ${bigName} (`)), JSON.stringify(shown));
  });

  await steps.step(`"${DETECT_IN_FILE}" scores ${bigName} (over 50 MB) from disk`, async () => {
    await workbench.clearNotifications();
    await showActivity(workbench, 'Explorer');
    await workbench.explorerContextMenu(bigName, DETECT_IN_FILE);
    await workbench.waitForProgressToFinish({ appearMs: 5_000, finishMs: 120_000 });
    const notification = await workbench.waitForNotification(new RegExp(`${bigName.replace('.', '\\.')} \\([\\d,]+ lines`));
    assert.equal(notification.severity, 'info');
    await showActivity(workbench, ACTIVITY);
    const pane = workbench.page.locator('.sidebar .pane').filter({ has: workbench.page.locator('.pane-header .title', { hasText: ANOMALIES_VIEW }) }).first();
    assert.match((await pane.locator('.pane-header').innerText()).replace(/\s+/g, ' '), new RegExp(bigName.replace('.', '\\.')));
  }, { timeoutMs: 150_000 });

  for (const [file, severity, message] of [
    [fixture.emptyLog, 'info', /empty\.log is empty/],
    [fixture.binaryLog, 'warning', /binary file/i],
  ] as const) {
    const name = path.basename(file);
    await steps.step(`"${DETECT_IN_FILE}" on ${name} says why it cannot be scored`, async () => {
      await showActivity(workbench, 'Explorer');
      await workbench.explorerContextMenu(name, DETECT_IN_FILE);
      const notification = await workbench.waitForNotification(message);
      assert.equal(notification.severity, severity);
      assert.doesNotMatch(notification.message, /\bat \S+ \(/, 'no stack trace');
    });
  }
}
