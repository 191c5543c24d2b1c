/**
 * Colours for the charts, read from the CSS variables VS Code sets on the webview for the current
 * theme, and a watch on the theme: VS Code swaps the body's `vscode-light` / `vscode-dark` /
 * `vscode-high-contrast` / `vscode-high-contrast-light` class and the variables with it.
 */

export interface ThemeColors {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  /** Log volume, and histogram bins below the threshold. */
  readonly volume: string;
  /** Anomalies, and histogram bins at or above the threshold. */
  readonly anomaly: string;
  /** Error bursts on the timeline. */
  readonly burst: string;
  readonly threshold: string;
  /** The bucket the list is filtered to. */
  readonly selection: string;
  readonly tooltipBackground: string;
  readonly tooltipForeground: string;
  readonly tooltipBorder: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly highContrast: boolean;
}

/** Each colour: the theme variables to try in order, then a fallback for a webview without them. */
const SOURCES: Readonly<Record<Exclude<keyof ThemeColors, 'fontFamily' | 'fontSize' | 'highContrast'>, readonly string[]>> = {
  foreground: ['--vscode-foreground', '#cccccc'],
  muted: ['--vscode-descriptionForeground', '--vscode-foreground', '#999999'],
  grid: ['--vscode-charts-lines', '--vscode-widget-border', '--vscode-panel-border', 'rgba(128, 128, 128, 0.35)'],
  volume: ['--vscode-charts-blue', '--vscode-textLink-foreground', '#3794ff'],
  anomaly: ['--vscode-charts-red', '--vscode-errorForeground', '#f14c4c'],
  burst: ['--vscode-charts-yellow', '--vscode-editorWarning-foreground', '#cca700'],
  threshold: ['--vscode-charts-orange', '--vscode-editorWarning-foreground', '#d18616'],
  selection: ['--vscode-focusBorder', '--vscode-charts-purple', '#007fd4'],
  tooltipBackground: ['--vscode-editorHoverWidget-background', '--vscode-editorWidget-background', '#252526'],
  tooltipForeground: ['--vscode-editorHoverWidget-foreground', '--vscode-foreground', '#cccccc'],
  tooltipBorder: ['--vscode-editorHoverWidget-border', '--vscode-widget-border', '#454545'],
};

export function readThemeColors(element: Element = document.body): ThemeColors {
  const style = getComputedStyle(element);
  const pick = (sources: readonly string[]): string => {
    for (const source of sources) {
      if (!source.startsWith('--')) return source;
      const value = style.getPropertyValue(source).trim();
      if (value !== '') return value;
    }
    return '';
  };
  const colors = Object.fromEntries(Object.entries(SOURCES).map(([name, sources]) => [name, pick(sources)])) as Record<keyof typeof SOURCES, string>;
  const fontSize = Number.parseFloat(style.getPropertyValue('--vscode-font-size'));
  return {
    ...colors,
    fontFamily: style.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif',
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
}

/** Calls `onChange` whenever VS Code switches the theme; returns a function that stops watching. */
export function observeTheme(onChange: () => void): () => void {
  let last = document.body.className;
  const observer = new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    onChange();
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  return () => observer.disconnect();
}

/** `color` at opacity `alpha`, for fills under lines and translucent bands; CSS colours Chart.js understands. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color.trim());
  if (hex) {
    let digits = hex[1];
    if (digits.length === 3 || digits.length === 4) digits = [...digits].map((d) => d + d).join('');
    if (digits.length !== 6 && digits.length !== 8) return color;
    const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16));
    const own = digits.length === 8 ? Number.parseInt(digits.slice(6, 8), 16) / 255 : 1;
    return `rgba(${r}, ${g}, ${b}, ${round(own * alpha)})`;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(color.trim());
  if (rgb) {
    const own = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? Number.parseFloat(rgb[4]) / 100 : Number.parseFloat(rgb[4]);
    return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${round(own * alpha)})`;
  }
  return color;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
