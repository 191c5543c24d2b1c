// The step framework of the end-to-end scenario: each step is a named check that passes or fails,
// leaves a screenshot of the whole workbench named after it (NN-step-name.png), and on failure
// names the step and its screenshot in the output. A failing step does not stop the later ones:
// each records its own outcome, so one run shows everything that is wrong. A step can also name a
// showcase picture: with a showcase folder set (`npm run screenshots`), its screenshot is copied
// there as NAME-LABEL.png, which is how the README's pictures come from this very run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { log } from './log';

export interface StepOutcome {
  readonly number: number;
  readonly name: string;
  readonly passed: boolean;
  readonly seconds: number;
  readonly screenshot?: string;
  readonly error?: string;
}

export class Steps {
  readonly outcomes: StepOutcome[] = [];

  /**
   * @param label  shown before every step (the theme), so interleaved output stays readable
   * @param screenshotDir  where NN-step-name.png files go
   * @param showcaseDir  where steps with a `showcase` name copy their screenshot, when set
   */
  constructor(
    private readonly page: Page,
    private readonly label: string,
    private readonly screenshotDir: string,
    private readonly showcaseDir?: string,
  ) {
    fs.mkdirSync(screenshotDir, { recursive: true });
    if (showcaseDir !== undefined) fs.mkdirSync(showcaseDir, { recursive: true });
  }

  /**
   * Runs one check. `check` throws (an assertion, a timeout) to fail; whatever it returns is passed
   * back so later steps can use it. Returns undefined when the step failed. The step's screenshot
   * is taken when the check ends, or, if the check calls `capture`, at that moment (for what is
   * only on screen mid-check, like an open command palette); a failure always shows the end state.
   */
  async step<T>(name: string, check: (capture: () => Promise<void>) => Promise<T>, options: { timeoutMs?: number; showcase?: string } = {}): Promise<T | undefined> {
    const number = this.outcomes.length + 1;
    const started = Date.now();
    let value: T | undefined;
    let error: string | undefined;
    let captured: string | undefined;
    const capture = async (): Promise<void> => {
      captured = await this.screenshot(number, name);
    };
    try {
      value = await withTimeout(check(capture), options.timeoutMs ?? 60_000, name);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const screenshot = error === undefined && captured ? captured : await this.screenshot(number, name);
    const outcome: StepOutcome = { number, name, passed: error === undefined, seconds: (Date.now() - started) / 1000, screenshot, error };
    this.outcomes.push(outcome);
    if (outcome.passed && screenshot !== undefined && options.showcase !== undefined && this.showcaseDir !== undefined) {
      fs.copyFileSync(screenshot, path.join(this.showcaseDir, `${options.showcase}-${this.label}.png`));
    }
    const head = `${this.label} ${String(number).padStart(2, '0')} ${name}`;
    if (outcome.passed) {
      log.info(`ok    ${head} (${outcome.seconds.toFixed(1)}s)`);
    } else {
      log.info(`FAIL  ${head} (${outcome.seconds.toFixed(1)}s)`);
      log.detail(`${(error ?? '').split('\n').join('\n      ')}`);
      log.detail(`screenshot: ${screenshot ?? 'could not be taken'}`);
    }
    return value;
  }

  get passed(): number {
    return this.outcomes.filter((outcome) => outcome.passed).length;
  }

  get failed(): number {
    return this.outcomes.filter((outcome) => !outcome.passed).length;
  }

  private async screenshot(number: number, name: string): Promise<string | undefined> {
    const file = path.join(this.screenshotDir, `${String(number).padStart(2, '0')}-${slug(name)}.png`);
    try {
      await this.page.screenshot({ path: file, timeout: 15_000 });
      return file;
    } catch {
      return undefined;
    }
  }
}

export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

async function withTimeout<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${name}" did not finish within ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
