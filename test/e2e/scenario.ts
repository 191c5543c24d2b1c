// The user's scenario, run once per theme: open the HDFS log with Quick Open, run Detect Anomalies
// from the command palette, wait for it to finish, and check what the user sees. Each check is a
// named step (see steps.ts); the helpers that read the UI are in workbench.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDashboard, checkDashboardAfterReload } from './checks/dashboard';
import { checkEditor, checkExplorerFiles } from './checks/editor';
import { checkFollow } from './checks/follow';
import { PAYLOAD, type FixtureWorkspace } from './fixtures';
import type { Steps } from './steps';
import { scriptEffects, webviewFrame } from './webviews';
import type { Workbench } from './workbench';

export type ThemeName = 'light' | 'dark';

export const THEMES: Readonly<Record<ThemeName, string>> = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
};

export interface ScenarioContext {
  readonly steps: Steps;
  readonly workbench: Workbench;
  readonly fixture: FixtureWorkspace;
  readonly theme: ThemeName;
}

const DETECT_COMMAND = 'Log Anomaly: Detect Anomalies';
const EXTENSION_NAME = 'Log Anomaly Detector';

export async function runScenario({ steps, workbench, fixture, theme }: ScenarioContext): Promise<void> {
  const hdfs = fixture.hdfsLog;
  const hdfsName = path.basename(hdfs.file);

  await steps.step(`workbench renders the ${THEMES[theme]} theme`, async () => {
    await workbench.waitForThemeKind(theme);
  });

  await steps.step(`Quick Open ${hdfsName}`, async () => {
    await workbench.quickOpen(hdfsName);
    assert.equal(await workbench.activeEditorTitle(), hdfsName);
    const firstLine = fs.readFileSync(hdfs.file, 'utf8').split('\n', 1)[0];
    assert.equal((await workbench.visibleLines()).get(1), firstLine);
  });

  await steps.step(`command palette lists "${DETECT_COMMAND}"`, async (capture) => {
    const entries = await workbench.commandPaletteEntries('Detect Anomalies', { whileOpen: capture });
    assert.ok(entries.includes(DETECT_COMMAND), `palette shows ${JSON.stringify(entries)}`);
  });

  await steps.step(`"${DETECT_COMMAND}" runs and the extension reports back`, async () => {
    await workbench.clearNotifications();
    await workbench.runCommand(DETECT_COMMAND);
    await workbench.waitForProgressToFinish();
    const notification = await workbench.waitForNotification((shown) => shown.source === EXTENSION_NAME);
    assert.notEqual(notification.severity, 'error', `error notification: ${notification.message}`);
  });

  await steps.step(`the dashboard opened beside ${hdfsName} shows its result without a click`, async () => {
    const view = await webviewFrame(workbench.page, '#file-name', 20_000);
    // The panel shows its frame first, then the result the host sends it.
    await view.locator('#file-name', { hasText: hdfsName }).waitFor({ timeout: 10_000 });
    assert.equal((await view.locator('#file-name').innerText()).trim(), hdfsName);
    assert.equal(await workbench.activeEditorTitle(), hdfsName, 'the log keeps the focus');
  });

  await steps.step(`payload on line ${hdfs.payloadLine} is shown as text and nothing ran`, async () => {
    await workbench.goToLine(hdfs.payloadLine);
    const shown = (await workbench.visibleLines()).get(hdfs.payloadLine) ?? '';
    assert.ok(shown.includes(PAYLOAD), `line ${hdfs.payloadLine} reads ${JSON.stringify(shown)}`);
    assert.deepEqual(await scriptEffects(workbench.page, { titleMarker: 'pwned', globals: ['__pwned'] }), []);
  });

  await checkEditor({ steps, workbench, fixture, theme });
  await checkDashboard({ steps, workbench, fixture, theme });
  await checkExplorerFiles({ steps, workbench, fixture, theme });
  await checkDashboardAfterReload({ steps, workbench, fixture, theme });
  await checkFollow({ steps, workbench, fixture, theme });
}
