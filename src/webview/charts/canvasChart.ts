/**
 * What the two charts share: a chart's life on its canvas (built on the first view, updated in
 * place after, built again for a new theme) and the options and tooltips in the theme's font.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import type { ThemeColors } from '../theme';

export abstract class CanvasChart<View> {
  protected chart: Chart | undefined;
  protected view: View | undefined;

  constructor(
    protected readonly canvas: HTMLCanvasElement,
    protected readonly colors: () => ThemeColors,
  ) {}

  show(view: View): void {
    this.view = view;
    if (this.chart === undefined) {
      this.chart = new Chart(this.canvas, this.config(view));
    } else {
      this.update(this.chart, view);
      this.chart.update('none');
    }
  }

  /** Builds the chart again in the current colours: fonts and scale colours live deep in the options. */
  rebuild(): void {
    this.chart?.destroy();
    this.chart = undefined;
    if (this.view !== undefined) this.show(this.view);
  }

  dispose(): void {
    this.chart?.destroy();
  }

  /** The configuration of a new chart showing `view`. */
  protected abstract config(view: View): ChartConfiguration;

  /** Puts `view` into the chart built for an earlier one. */
  protected abstract update(chart: Chart, view: View): void;
}

export function baseOptions(colors: ThemeColors): NonNullable<ChartConfiguration['options']> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: colors.foreground,
    font: { family: colors.fontFamily, size: Math.max(10, colors.fontSize - 2) },
    layout: { padding: { top: 6, right: 4, bottom: 0, left: 0 } },
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { display: false } },
  };
}

export function tooltipOptions(colors: ThemeColors) {
  return {
    backgroundColor: colors.tooltipBackground,
    titleColor: colors.tooltipForeground,
    bodyColor: colors.tooltipForeground,
    footerColor: colors.muted,
    borderColor: colors.tooltipBorder,
    borderWidth: 1,
    cornerRadius: 3,
    displayColors: true,
    boxPadding: 3,
    titleFont: { family: colors.fontFamily, weight: 'bold' as const },
    bodyFont: { family: colors.fontFamily },
    footerFont: { family: colors.fontFamily, weight: 'normal' as const },
  };
}
