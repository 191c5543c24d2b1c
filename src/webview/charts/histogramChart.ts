/**
 * The score histogram: lines per score bin on a logarithmic axis, bins at or above the threshold
 * in the anomaly colour, and the threshold as a dashed line with its value in a tag. Dragging the
 * line (or pressing anywhere on the chart) moves the threshold.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { withAlpha, type ThemeColors } from '../theme';
import { pixelToScore, scoreToPixel, type HistogramView } from './chartData';
import { baseOptions, CanvasChart, tooltipOptions } from './canvasChart';
import { formatScore, groupDigits } from '../../analysis/util/text';

/** How close (CSS px) the pointer must be to the threshold line to grab it. */
const GRAB_DISTANCE = 8;

export class HistogramChart extends CanvasChart<HistogramView> {
  private dragging = false;
  private readonly detach: Array<() => void> = [];

  constructor(
    canvas: HTMLCanvasElement,
    /** The threshold was dragged here. */
    private readonly onMove: (score: number) => void,
    colors: () => ThemeColors,
  ) {
    super(canvas, colors);
    this.listen('pointerdown', (event) => this.onPointerDown(event));
    this.listen('pointermove', (event) => this.onPointerMove(event));
    this.listen('pointerup', (event) => this.onPointerUp(event));
    this.listen('pointercancel', (event) => this.onPointerUp(event));
  }

  override dispose(): void {
    for (const detach of this.detach) detach();
    super.dispose();
  }

  protected update(chart: Chart, view: HistogramView): void {
    applyHistogram(chart, view, this.colors());
  }

  private listen(type: 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel', listener: (event: PointerEvent) => void): void {
    this.canvas.addEventListener(type, listener);
    this.detach.push(() => this.canvas.removeEventListener(type, listener));
  }

  protected config(view: HistogramView): ChartConfiguration {
    const colors = this.colors();
    const low = view.edges[0];
    const high = view.edges[view.edges.length - 1];
    const config: ChartConfiguration = {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        ...baseOptions(colors),
        onHover: (event, _elements, chart) => {
          if (this.dragging || event.x === null) return;
          const area = chart.chartArea;
          const near = Math.abs(event.x - scoreToPixel(this.view?.threshold ?? 0, view.edges, area.left, area.right)) <= GRAB_DISTANCE;
          chart.canvas.style.cursor = near ? 'ew-resize' : event.x >= area.left && event.x <= area.right ? 'crosshair' : 'default';
        },
        scales: {
          // Bars sit on a hidden category axis (one per bin, edge to edge); the visible axis is the score.
          x: { type: 'category', display: false, grid: { display: false } },
          score: {
            type: 'linear',
            position: 'bottom',
            axis: 'x',
            min: low,
            max: high,
            grid: { display: false },
            border: { color: colors.grid },
            ticks: { color: colors.muted, stepSize: (high - low) / 10, maxRotation: 0, autoSkip: true, autoSkipPadding: 6, callback: (value) => formatScore(Number(value), 'axis') },
            title: { display: true, text: 'Anomaly score', color: colors.muted },
          },
          y: {
            type: 'logarithmic',
            min: 0.8,
            grid: { color: withAlpha(colors.grid, 0.6) },
            border: { display: false },
            ticks: {
              color: colors.muted,
              // Only powers of ten: 1, 10, 100, 1k...
              callback: (value) => {
                const n = Number(value);
                return n >= 1 && Math.abs(Math.log10(n) - Math.round(Math.log10(n))) < 1e-9 ? compact(n) : null;
              },
            },
            title: { display: true, text: 'Lines (log)', color: colors.muted },
          },
        },
        plugins: {
          tooltip: {
            ...tooltipOptions(colors),
            callbacks: {
              title: (items) => (items.length > 0 ? `Score ${this.view?.ranges[items[0].dataIndex] ?? ''}` : ''),
              label: (item) => `${groupDigits(Number(item.raw))} lines`,
              footer: () => 'Drag the line or click to move the threshold',
            },
          },
        },
      },
      plugins: [thresholdLine(() => this.view, this.colors)],
    };
    applyHistogram({ data: config.data } as Chart, view, colors);
    return config;
  }

  /** The score under the pointer, to a thousandth (the precision the dashboard shows). */
  private thresholdAt(event: PointerEvent): number | undefined {
    const chart = this.chart;
    const view = this.view;
    if (chart === undefined || view === undefined) return undefined;
    const rect = this.canvas.getBoundingClientRect();
    return Math.round(pixelToScore(event.clientX - rect.left, view.edges, chart.chartArea.left, chart.chartArea.right) * 1000) / 1000;
  }

  private onPointerDown(event: PointerEvent): void {
    const chart = this.chart;
    if (chart === undefined || event.button !== 0) return;
    const rect = this.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const area = chart.chartArea;
    if (x < area.left - GRAB_DISTANCE || x > area.right + GRAB_DISTANCE || y < area.top || y > area.bottom) return;
    this.dragging = true;
    this.canvas.setPointerCapture(event.pointerId);
    this.canvas.style.cursor = 'ew-resize';
    const score = this.thresholdAt(event);
    if (score !== undefined) this.onMove(score);
    event.preventDefault();
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.dragging) return;
    const score = this.thresholdAt(event);
    if (score !== undefined) this.onMove(score);
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    if (this.canvas.hasPointerCapture(event.pointerId)) this.canvas.releasePointerCapture(event.pointerId);
  }
}

function compact(n: number): string {
  if (n >= 1e9) return `${n / 1e9}G`;
  if (n >= 1e6) return `${n / 1e6}M`;
  if (n >= 1e3) return `${n / 1e3}k`;
  return String(n);
}

function applyHistogram(chart: Pick<Chart, 'data'>, view: HistogramView, colors: ThemeColors): void {
  chart.data.labels = [...view.ranges];
  chart.data.datasets = [
    {
      type: 'bar',
      label: 'Lines',
      data: [...view.counts],
      xAxisID: 'x',
      backgroundColor: view.flagged.map((flagged) => (flagged ? withAlpha(colors.anomaly, 0.85) : withAlpha(colors.volume, 0.7))),
      borderColor: view.flagged.map((flagged) => (flagged ? colors.anomaly : colors.volume)),
      borderWidth: colors.highContrast ? 1 : 0,
      barPercentage: 1,
      categoryPercentage: 1,
      grouped: false,
    },
  ];
}

/** The threshold as a vertical line with a handle and its value, over the histogram. */
function thresholdLine(view: () => HistogramView | undefined, colors: () => ThemeColors): Plugin {
  return {
    id: 'thresholdLine',
    afterDatasetsDraw(chart) {
      const current = view();
      if (current === undefined) return;
      const { ctx, chartArea } = chart;
      const color = colors().threshold;
      const x = Math.round(scoreToPixel(current.threshold, current.edges, chartArea.left, chartArea.right)) + 0.5;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 3]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top + 14);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      // The value in a tag at the top; the tag is the handle.
      const label = formatScore(current.threshold, 'table');
      ctx.font = `600 ${Math.max(10, colors().fontSize - 2)}px ${colors().fontFamily}`;
      const width = ctx.measureText(label).width + 10;
      const left = Math.min(Math.max(x - width / 2, chartArea.left), chartArea.right - width);
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.roundRect(left, chartArea.top - 2, width, 16, 3);
      ctx.fill();
      ctx.fillStyle = readableOn(color);
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'center';
      ctx.fillText(label, left + width / 2, chartArea.top + 6);
      ctx.restore();
    },
  };
}

/** Black or white, whichever contrasts more with `color` (WCAG relative luminance). */
function readableOn(color: string): string {
  const match = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(withAlpha(color, 1));
  if (!match) return '#000000';
  const [r, g, b] = match.slice(1, 4).map((channel) => {
    const c = Number(channel) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
