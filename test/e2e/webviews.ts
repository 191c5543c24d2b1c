// The webviews of the workbench as the scenario reads them: finding the frame of a webview, how
// much of a canvas is drawn, and signs that injected markup ran in any frame.
import type { Frame, Page } from 'playwright-core';

export interface CanvasInk {
  readonly width: number;
  readonly height: number;
  /** Pixels that are not fully transparent. */
  readonly inked: number;
  /** Distinct colours among the inked pixels (a blank filled canvas has one). */
  readonly colours: number;
}

/**
 * The frame of the webview whose document has `selector` (webviews are nested iframes: an outer
 * host frame and the extension's document inside it).
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview has ${selector} after ${timeoutMs / 1000}s (${page.frames().length - 1} frames)`);
    await page.waitForTimeout(250);
  }
}

/** How much of a canvas inside `frame` is drawn: a chart that rendered has many inked pixels in several colours. */
export async function canvasInk(frame: Frame, selector: string): Promise<CanvasInk> {
  return frame.$eval(selector, (element) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return { width: canvas.width, height: canvas.height, inked: 0, colours: 0 };
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    const colours = new Set<number>();
    for (let index = 0; index < pixels.length; index += 4) {
      if (pixels[index + 3] === 0) continue;
      inked += 1;
      if (colours.size < 256) colours.add((pixels[index]! << 16) | (pixels[index + 1]! << 8) | pixels[index + 2]!);
    }
    return { width: canvas.width, height: canvas.height, inked, colours: colours.size };
  });
}

/**
 * Signs that injected markup ran anywhere on the page, in the main document and in every frame
 * (webviews included): a `document.title` containing `titleMarker`, or any of `globals` defined.
 */
export async function scriptEffects(page: Page, markers: { titleMarker: string; globals: readonly string[] }): Promise<string[]> {
  const effects: string[] = [];
  for (const frame of page.frames()) {
    const found = await frame
      .evaluate(
        ({ globals, titleMarker }) => ({
          title: document.title,
          marked: document.title.includes(titleMarker),
          setGlobals: globals.filter((name) => name in globalThis),
        }),
        { globals: [...markers.globals], titleMarker: markers.titleMarker },
      )
      .catch(() => undefined); // A frame that navigated away meanwhile has nothing to report.
    if (!found) continue;
    const where = frame === page.mainFrame() ? 'page' : `frame ${frame.url().slice(0, 100)}`;
    if (found.marked) effects.push(`${where}: document.title is "${found.title}"`);
    for (const name of found.setGlobals) effects.push(`${where}: global ${name} is set`);
  }
  return effects;
}
