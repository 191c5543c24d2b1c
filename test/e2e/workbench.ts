// What a user does and sees in the VS Code workbench, as functions the scenario's steps call. Feature
// checks (gutter marks, hovers, Problems, the sidebar, the dashboard webview) are built from these.
// Everything works on the page's DOM the way a user would: keyboard and mouse in, rendered text and
// pixels out; nothing reaches into the extension host.
import type { Browser, Locator, Page } from 'playwright-core';


export interface Notification {
  readonly message: string;
  /** "Log Anomaly Detector" for the extension's own notifications (VS Code shows the display name). */
  readonly source: string;
  readonly severity: 'info' | 'warning' | 'error';
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** 1 for top-level items. */
  readonly level: number;
  readonly ariaLabel: string;
}

export class Workbench {
  /** The file whose text editor the editor helpers read; set by quickOpen. */
  private editorFile: string | undefined;
  /**
   * The browser console, page errors included. In code-server the extension host's console output
   * (the extension's console.log, the integration suite's reporter) is forwarded here.
   */
  readonly console: string[] = [];

  private constructor(readonly page: Page) {}

  /**
   * The text editor the editor helpers work on: the group showing `editorFile` (so a dashboard opened
   * beside it does not get in the way), or the active group before any file was opened.
   */
  private editor(): Locator {
    const group = this.editorFile
      ? `.editor-group-container:has(.tabs-container .tab.active[data-resource-name="${this.editorFile}"])`
      : '.editor-group-container.active';
    return this.page.locator(`${group} .editor-instance .monaco-editor`).first();
  }

  /** Points the editor helpers at the editor showing `fileName` (quickOpen does this itself). */
  useEditorOf(fileName: string): void {
    this.editorFile = fileName;
  }

  /** Opens the workbench at `url` in a new page of `browser` and waits until the extension host is up. */
  static async open(browser: Browser, url: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles the harness with esbuild's keepNames, which wraps named functions inside the
    // callbacks given to evaluate() in calls to __name; the page needs it too.
    await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
    const workbench = new Workbench(page);
    page.on('console', (message) => workbench.console.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => workbench.console.push(`[pageerror] ${error.stack ?? error.message}`));
    await page.goto(url);
    await workbench.waitUntilReady();
    return workbench;
  }

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    // The status bar fills in once the window has restored; the explorer lists the workspace.
    await this.page.locator('.statusbar-item').first().waitFor({ timeout: timeoutMs });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  }

  /** 'light' or 'dark' as the user sees it: the luminance of the editor background the theme paints. */
  async themeKind(): Promise<'light' | 'dark'> {
    const luminance = await this.page.locator('.monaco-workbench').evaluate((element) => {
      const colour = getComputedStyle(element).getPropertyValue('--vscode-editor-background').trim();
      const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(colour);
      if (!hex) throw new Error(`--vscode-editor-background is "${colour}", not #rrggbb`);
      const [red, green, blue] = hex.slice(1).map((part) => Number.parseInt(part, 16) / 255) as [number, number, number];
      return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    });
    return luminance < 0.5 ? 'dark' : 'light';
  }

  /** The workbench first paints the default theme and switches once the user settings arrive. */
  async waitForThemeKind(kind: 'light' | 'dark', timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.themeKind()) !== kind) {
      if (Date.now() > deadline) throw new Error(`the workbench is still ${kind === 'dark' ? 'light' : 'dark'} after ${timeoutMs / 1000}s`);
      await this.page.waitForTimeout(200);
    }
  }

  // --- driving ---------------------------------------------------------------------------------

  /** Ctrl+P, the file name, Enter; resolves when the file is the active editor tab. */
  async quickOpen(fileName: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(fileName);
    // Click the entry named exactly so, rather than Enter on whatever is first while results still arrive.
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(fileName) }) })
      .first();
    await row.click();
    // Tabs carry the file name in data-resource-name; their aria-label adds the group once there are two.
    await this.page.locator(`.editor-group-container.active .tabs-container .tab.active[data-resource-name="${fileName}"]`).waitFor();
    this.editorFile = fileName;
    await this.editor().locator('.view-lines').waitFor();
  }

  /** The command palette's entries for `query` (F1, type, read, `whileOpen`, Escape). */
  async commandPaletteEntries(query: string, options: { whileOpen?: () => Promise<void> } = {}): Promise<string[]> {
    await this.openCommandPalette(query);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.evaluateAll((elements) =>
      elements.map((element) => (element.querySelector('.label-name')?.textContent ?? element.getAttribute('aria-label') ?? '').trim()),
    );
    await options.whileOpen?.();
    await this.page.keyboard.press('Escape');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return labels;
  }

  /** F1, the command's full title ("Category: Title"), Enter on exactly that entry. */
  async runCommand(title: string): Promise<void> {
    await this.openCommandPalette(title);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) });
    await row.first().waitFor();
    await row.first().click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  private async openCommandPalette(text: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${text}`);
  }

  /**
   * Waits for a run to finish: progress (a notification's, a view's, the editor's or the status bar's)
   * is given `appearMs` to show up, then must be gone for half a second in a row.
   */
  async waitForProgressToFinish(options: { appearMs?: number; finishMs?: number } = {}): Promise<void> {
    const busy = this.page.locator('.monaco-progress-container.active:visible, .statusbar-item .codicon-loading:visible, .statusbar-item .codicon-sync.codicon-modifier-spin:visible');
    await busy.first().waitFor({ timeout: options.appearMs ?? 2_000 }).catch(() => undefined);
    const deadline = Date.now() + (options.finishMs ?? 120_000);
    let quietSince = 0;
    while (Date.now() < deadline) {
      if ((await busy.count()) > 0) quietSince = 0;
      else if (quietSince === 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 500) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`progress still running after ${(options.finishMs ?? 120_000) / 1000}s`);
  }

  /** Go to Line (Ctrl+G): moves the cursor and scrolls the line into view. */
  async goToLine(line: number, timeoutMs = 10_000): Promise<void> {
    // Focus the editor's input element rather than clicking text that a sticky-scroll header may cover.
    await this.editor().locator('.native-edit-context, textarea.inputarea').first().focus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.waitForCursorLine(line, timeoutMs);
  }

  // --- reading the status bar and notifications ------------------------------------------------

  /** Visible notification toasts, newest last. */
  async notifications(): Promise<Notification[]> {
    return this.page.locator('.notifications-toasts .notification-toast').evaluateAll((toasts) =>
      toasts.map((toast) => {
        const icon = toast.querySelector('.notification-list-item-icon')?.className ?? '';
        // A collapsed toast does not render its source; its accessible label always names it.
        const label = toast.querySelector('.monaco-list-row')?.getAttribute('aria-label') ?? '';
        return {
          message: (toast.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
          source: /, source: (.*?), notification/.exec(label)?.[1] ?? '',
          severity: /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info',
        } as Notification;
      }),
    );
  }

  /** Waits for a toast that `match` accepts (a RegExp tests the message) and returns it. */
  async waitForNotification(match: RegExp | ((notification: Notification) => boolean), timeoutMs = 30_000): Promise<Notification> {
    const accepts = match instanceof RegExp ? (notification: Notification) => match.test(notification.message) : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = await this.notifications();
      const found = shown.find(accepts);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching notification within ${timeoutMs / 1000}s; shown: ${JSON.stringify(shown)}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Closes every toast so the next check starts clean. */
  async clearNotifications(): Promise<void> {
    for (const close of await this.page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').all()) {
      await close.click().catch(() => undefined);
    }
  }

  /** The Problems counts of the status bar item (errors, warnings and, when there are any, infos). */
  async problemCounts(): Promise<ProblemCounts> {
    const item = this.page.locator('[id="status.problems"]');
    await item.waitFor();
    return item.evaluate((element) => {
      const count = (kind: string): number => {
        const icon = element.querySelector(`.codicon-${kind}`);
        const text = icon?.nextSibling?.textContent ?? '';
        return icon ? Number.parseInt(text.trim(), 10) || 0 : 0;
      };
      return { errors: count('error'), warnings: count('warning'), infos: count('info') };
    });
  }

  /** The cursor's line from the status bar's "Ln N, Col M". */
  async cursorLine(): Promise<number> {
    const text = (await this.page.locator('[id="status.editor.selection"]').innerText()).trim();
    const match = /Ln (\d+)/.exec(text);
    if (!match) throw new Error(`status bar selection item reads "${text}", not "Ln N, Col M"`);
    return Number(match[1]);
  }

  async waitForCursorLine(line: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 0;
    while (Date.now() < deadline) {
      last = await this.cursorLine().catch(() => 0);
      if (last === line) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`cursor is on line ${last}, expected line ${line}`);
  }

  // --- reading the editor ----------------------------------------------------------------------

  /** The active editor's tab title. */
  async activeEditorTitle(): Promise<string> {
    return (await this.page.locator('.editor-group-container.active .tabs-container .tab.active').getAttribute('data-resource-name')) ?? '';
  }

  /** Text of the rendered lines of the active editor, keyed by line number (only lines in view are rendered). */
  async visibleLines(): Promise<Map<number, string>> {
    const rows = await this.editor().evaluate((editor) => {
      const numbers = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')].map((element) => ({
        line: Number(element.textContent),
        top: element.getBoundingClientRect().top,
      }));
      const texts = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')].map((element) => ({
        top: element.getBoundingClientRect().top,
        text: (element.textContent ?? '').replace(/\u00a0/g, ' '),
      }));
      return texts.flatMap(({ top, text }) => {
        const match = numbers.find((number) => Math.abs(number.top - top) < 2);
        return match ? [[match.line, text] as [number, string]] : [];
      });
    });
    return new Map(rows);
  }

  /**
   * Line numbers of the active editor that carry an element matching `selector`, found by vertical
   * position against the line numbers: `.cgmr` (gutter icons), `.squiggly-warning` (diagnostics), or
   * any selector specific enough to pick out one decoration. Only rendered lines count: go to a line
   * first to bring it into view.
   */
  async linesWith(selector: string): Promise<number[]> {
    const lines = await this.editor().evaluate((editor, wanted) => {
      const numbers = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')].map((element) => {
        const rect = element.getBoundingClientRect();
        return { line: Number(element.textContent), top: rect.top, bottom: rect.top + rect.height };
      });
      const found = new Set<number>();
      for (const element of editor.querySelectorAll<HTMLElement>(wanted)) {
        const rect = element.getBoundingClientRect();
        if (rect.height === 0) continue;
        const middle = rect.top + rect.height / 2;
        const row = numbers.find((number) => middle >= number.top && middle < number.bottom);
        if (row) found.add(row.line);
      }
      return [...found];
    }, selector);
    return lines.sort((a, b) => a - b);
  }

  /**
   * Lines with a gutter icon (glyph margin decoration). With `icon`, only icons whose image URL
   * contains it, e.g. the file name given as `gutterIconPath` ('anomaly-high.svg').
   */
  async gutterIconLines(icon?: string): Promise<number[]> {
    if (!icon) return this.linesWith('.cgmr');
    const marker = 'data-e2e-gutter-icon';
    await this.editor().evaluate(
      (editor, { icon: wanted, marker: attribute }) => {
        for (const element of editor.querySelectorAll<HTMLElement>('.cgmr')) {
          element.toggleAttribute(attribute, getComputedStyle(element).backgroundImage.includes(wanted));
        }
      },
      { icon, marker },
    );
    return this.linesWith(`.cgmr[${marker}]`);
  }

  /** Lines with a diagnostic squiggle of the given severity. */
  async squiggleLines(severity: 'error' | 'warning' | 'info' | 'hint'): Promise<number[]> {
    return this.linesWith(`.squiggly-${severity}`);
  }

  /** Hovers the text of line `line` (bringing it into view first) and returns the hover's text. */
  async hoverLine(line: number, timeoutMs = 10_000): Promise<string> {
    await this.goToLine(line);
    await this.page.mouse.move(0, 0);
    const target = await this.editor().evaluate((editor, wanted) => {
      const number = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')].find((element) => Number(element.textContent) === wanted);
      if (!number) return undefined;
      const row = number.getBoundingClientRect();
      const middle = row.top + row.height / 2;
      const text = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')].find((element) => {
        const rect = element.getBoundingClientRect();
        return middle >= rect.top && middle < rect.top + rect.height;
      });
      // Over the first characters of the line.
      return text ? { x: text.getBoundingClientRect().left + 20, y: middle } : undefined;
    }, line);
    if (!target) throw new Error(`line ${line} is not rendered`);
    await this.page.mouse.move(target.x, target.y, { steps: 3 });
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor({ state: 'visible', timeout: timeoutMs });
    // Hovers fill in as their providers answer: read until the text stops changing.
    let text = '';
    for (let tries = 0; tries < 10; tries += 1) {
      const next = (await hover.innerText()).trim();
      if (next === text && text !== '') break;
      text = next;
      await this.page.waitForTimeout(200);
    }
    return text;
  }

  // --- views -----------------------------------------------------------------------------------

  /** Clicks the activity bar entry whose title starts with `title` (e.g. "Log Anomalies"). */
  async openActivity(title: string): Promise<void> {
    const item = this.page.locator('.activitybar .action-item').filter({ has: this.page.locator(`.action-label[aria-label^="${title}"]`) }).first();
    // Clicking the entry that is already open would close the side bar instead.
    const open = await item.evaluate((element) => element.classList.contains('checked') && element.closest('.monaco-workbench')?.querySelector('.part.sidebar:not([style*="display: none"])') !== null);
    if (!open) await item.click();
    await this.page.locator('.sidebar .composite.title', { hasText: title }).waitFor();
  }

  /**
   * The rows of the view titled `viewTitle` in the side bar (expanding it if it is collapsed). Views
   * fill in asynchronously: with `atLeast`, waits up to `timeoutMs` for that many rows.
   */
  async viewRows(viewTitle: string, options: { atLeast?: number; timeoutMs?: number } = {}): Promise<TreeRow[]> {
    const pane = this.page.locator('.sidebar .pane').filter({ has: this.page.locator('.pane-header .title', { hasText: exactly(viewTitle) }) }).first();
    await pane.waitFor();
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const read = () =>
      pane.locator('.pane-body .monaco-list-row').evaluateAll((rows) =>
        rows.map((row) => ({
          label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
          description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
          level: Number(row.getAttribute('aria-level') ?? '1'),
          ariaLabel: row.getAttribute('aria-label') ?? '',
        })),
      );
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    let rows = await read();
    while (rows.length < (options.atLeast ?? 0)) {
      if (Date.now() > deadline) throw new Error(`view "${viewTitle}" shows ${rows.length} rows, expected at least ${options.atLeast}`);
      await this.page.waitForTimeout(200);
      rows = await read();
    }
    return rows;
  }

  /**
   * Right-clicks `fileName` in the Explorer and picks `menuItem` from its context menu. A menu left open
   * (by a step that failed, or a right-click the loaded workbench took before its row settled) would take
   * every later click, so one is closed first, a menu without the item is closed and opened again, and a
   * failure leaves no menu behind.
   */
  async explorerContextMenu(fileName: string, menuItem: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactly(fileName) }) }).first();
    const item = menu
      .locator('.action-menu-item')
      .filter({ has: this.page.locator('.action-label', { hasText: exactly(menuItem) }) })
      .first();
    const closeMenu = async (): Promise<void> => {
      for (let attempt = 0; attempt < 3 && (await menu.count()) > 0; attempt++) {
        await this.page.keyboard.press('Escape');
        await menu.first().waitFor({ state: 'detached', timeout: 2_000 }).catch(() => undefined);
      }
    };
    try {
      await closeMenu();
      for (let attempt = 1; ; attempt++) {
        await row.click({ button: 'right' });
        const shown = await item.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        );
        if (shown) break;
        await closeMenu();
        if (attempt === 3) throw new Error(`the Explorer's context menu of ${fileName} has no "${menuItem}"`);
      }
      // The menu takes the pointer only once it has settled under it.
      await item.hover();
      await item.click();
      await menu.first().waitFor({ state: 'detached' });
    } catch (error) {
      await closeMenu();
      throw error;
    }
  }
}

/** A regular expression matching exactly `text`, for locators' hasText. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
