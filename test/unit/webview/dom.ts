// A browser-like DOM for the dashboard's tests: one jsdom window whose globals (document, elements,
// events, custom elements...) are installed for the duration of a suite and removed after it, so
// the engine's tests never see them. Webview modules are imported after the globals exist.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html lang="en"><body class="vscode-dark"></body></html>', { pretendToBeVisual: true, url: 'https://dashboard.test/' });
const window = dom.window;
// jsdom has no matchMedia; the toolkit asks for (forced-colors) when it loads.
Object.defineProperty(window, 'matchMedia', {
  value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
});

/** Browser classes that Node also has: the DOM's own must win, or jsdom rejects the events. */
const OVERRIDDEN = ['Event', 'CustomEvent', 'EventTarget', 'MessageEvent', 'navigator'];

export function useDom(): void {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  before(() => {
    const names = Object.getOwnPropertyNames(window).filter((name) => !(name in globalThis) || OVERRIDDEN.includes(name));
    for (const name of [...names, 'window', 'document']) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      const value = name === 'window' ? window : (window as unknown as Record<string, unknown>)[name];
      Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
    }
  });
  afterEach(() => {
    document.body.replaceChildren();
    document.body.removeAttribute('style');
    document.body.className = 'vscode-dark';
  });
  after(async () => {
    // Let the toolkit's queued renders run while the DOM still exists.
    await new Promise((resolve) => window.requestAnimationFrame(() => resolve(undefined)));
    for (const [name, descriptor] of saved) {
      if (descriptor === undefined) delete (globalThis as Record<string, unknown>)[name];
      else Object.defineProperty(globalThis, name, descriptor);
    }
    saved.clear();
  });
}

/** Resolves after pending animation frames (the list renders on the next frame after a scroll). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => window.requestAnimationFrame(() => resolve()));
}

/** Gives an element the size layout would (jsdom lays nothing out). */
export function setSize(element: HTMLElement, size: { clientHeight?: number; offsetHeight?: number }): void {
  for (const [name, value] of Object.entries(size)) Object.defineProperty(element, name, { value, configurable: true });
}
