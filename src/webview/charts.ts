/**
 * The Chart.js layer: draws the views chartData.ts computes, in the theme's colours, and turns
 * clicks and drags on the canvases into the app's callbacks. Kept thin: what to draw is decided
 * elsewhere and tested without a canvas.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { pixelToScore, scoreToPixel, type ChartCallbacks, type ChartsFactory, type DashboardCharts, type HistogramView, type TimelineView } from './chartData';
import { formatInteger, formatScore } from './format';
import { readThemeColors, withAlpha, type ThemeColors } from './theme';

Chart.register(BarController, BarElement, CategoryScale, Filler, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip);

/** How close (CSS px) the pointer must be to the threshold line to grab it. */
const GRAB_DISTANCE = 8;

export const createCharts: ChartsFactory = (canvases, callbacks) => new ChartJsCharts(canvases.timeline, canvases.histogram, callbacks);

class ChartJsCharts implements DashboardCharts {
  private colors: ThemeColors = readThemeColors();
  private timelineChart: Chart | undefined;
  private histogramChart: Chart | undefined;
  private timeline: TimelineView | undefined;
  private histogram: HistogramView | undefined;
  private dragging = false;
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly timelineCanvas: HTMLCanvasElement,
    private readonly histogramCanvas: HTMLCanvasElement,
    private readonly callbacks: ChartCallbacks,
  ) {
    this.listen(histogramCanvas, 'pointerdown', (event) => this.onHistogramPointerDown(event));
    this.listen(histogramCanvas, 'pointermove', (event) => this.onHistogramPointerMove(event));
    this.listen(histogramCanvas, 'pointerup', (event) => this.onHistogramPointerUp(event));
    this.listen(histogramCanvas, 'pointercancel', (event) => this.onHistogramPointerUp(event));
  }

  private listen(target: HTMLElement, type: 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel', listener: (event: PointerEvent) => void): void {
    target.addEventListener(type, listener);
    this.detach.push(() => target.removeEventListener(type, listener));
  }

  showTimeline(view: TimelineView): void {
    this.timeline = view;
    if (this.timelineChart === undefined) {
      this.timelineChart = new Chart(this.timelineCanvas, this.timelineConfig(view));
    } else {
      applyTimeline(this.timelineChart, view, this.colors);
      // A log without timestamps after one with: the axis is lines now.
      const x = this.timelineChart.options.scales?.x as { title?: { text: string } } | undefined;
      if (x?.title !== undefined) x.title.text = view.axisTitle;
      this.timelineChart.update('none');
    }
  }

  showHistogram(view: HistogramView): void {
    this.histogram = view;
    if (this.histogramChart === undefined) {
      this.histogramChart = new Chart(this.histogramCanvas, this.histogramConfig(view));
    } else {
      applyHistogram(this.histogramChart, view, this.colors);
      this.histogramChart.update('none');
    }
  }

  retheme(): void {
    this.colors = readThemeColors();
    // Fonts and scale colours live deep in the options: rebuilding is simpler and as fast.
    this.timelineChart?.destroy();
    this.histogramChart?.destroy();
    this.timelineChart = undefined;
    this.histogramChart = undefined;
    if (this.timeline) this.showTimeline(this.timeline);
    if (this.histogram) this.showHistogram(this.histogram);
  }

  dispose(): void {
    for (const detach of this.detach) detach();
    this.timelineChart?.destroy();
    this.histogramChart?.destroy();
  }

  // --- timeline ------------------------------------------------------------------------------

  private timelineConfig(view: TimelineView): ChartConfiguration {
    const colors = this.colors;
    const config: ChartConfiguration = {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        ...baseOptions(colors),
        onClick: (_event, _elements, chart) => {
          const x = (_event.x ?? -1) as number;
          const area = chart.chartArea;
          if (x < area.left || x > area.right) return;
          const index = Math.round(chart.scales.x.getValueForPixel(x) ?? -1);
          const current = this.timeline?.selected ?? null;
          if (index >= 0 && index < (this.timeline?.lines.length ?? 0)) this.callbacks.selectBucket(index === current ? null : index);
        },
        onHover: (event, _elements, chart) => {
          const area = chart.chartArea;
          const inside = event.x !== null && event.y !== null && event.x >= area.left && event.x <= area.right && event.y >= area.top && event.y <= area.bottom;
          chart.canvas.style.cursor = inside ? 'pointer' : 'default';
        },
        scales: {
          x: {
            type: 'category',
            grid: { display: false },
            border: { color: colors.grid },
            ticks: { color: colors.muted, autoSkip: true, maxRotation: 0, autoSkipPadding: 12 },
            title: { display: true, text: view.axisTitle, color: colors.muted },
          },
          y: {
            type: 'linear',
            position: 'left',
            beginAtZero: true,
            grid: { color: withAlpha(colors.grid, 0.6) },
            border: { display: false },
            ticks: { color: colors.muted, precision: 0, maxTicksLimit: 5, callback: (value) => formatInteger(Number(value)) },
            title: { display: true, text: 'Lines', color: colors.muted },
          },
          anomalies: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            suggestedMax: 4,
            grid: { display: false },
            border: { display: false },
            ticks: { color: colors.anomaly, precision: 0, maxTicksLimit: 5 },
            title: { display: true, text: 'Anomalies', color: colors.anomaly },
          },
        },
        plugins: {
          tooltip: {
            ...tooltipOptions(colors),
            callbacks: {
              title: (items) => (items.length > 0 ? (this.timeline?.ranges[items[0].dataIndex] ?? '') : ''),
              label: (item) => `${item.dataset.label ?? ''}: ${formatInteger(Number(item.raw))}`,
              afterBody: (items) => {
                const index = items[0]?.dataIndex;
                const view = this.timeline;
                if (index === undefined || view === undefined) return [];
                const notes = [`Errors: ${formatInteger(view.errors[index] ?? 0)}`];
                if (view.bursts.has(index)) notes.push('Error burst');
                notes.push(index === view.selected ? 'Click to show every bucket' : 'Click to list this bucket’s anomalies');
                return notes;
              },
            },
          },
        },
      },
      plugins: [bucketBands(() => this.timeline, () => this.colors)],
    };
    applyTimeline({ data: config.data } as Chart, view, colors);
    return config;
  }

  // --- histogram -----------------------------------------------------------------------------

  private histogramConfig(view: HistogramView): ChartConfiguration {
    const colors = this.colors;
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
          const near = Math.abs(event.x - scoreToPixel(this.histogram?.threshold ?? 0, view.edges, area.left, area.right)) <= GRAB_DISTANCE;
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
            ticks: { color: colors.muted, stepSize: (high - low) / 10, maxRotation: 0, autoSkip: true, autoSkipPadding: 6, callback: (value) => Number(value).toFixed(1) },
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
              title: (items) => (items.length > 0 ? `Score ${this.histogram?.ranges[items[0].dataIndex] ?? ''}` : ''),
              label: (item) => `${formatInteger(Number(item.raw))} lines`,
              footer: () => 'Drag the line or click to move the threshold',
            },
          },
        },
      },
      plugins: [thresholdLine(() => this.histogram, () => this.colors)],
    };
    applyHistogram({ data: config.data } as Chart, view, colors);
    return config;
  }

  /** The score under the pointer, to a thousandth (the precision the dashboard shows). */
  private thresholdAt(event: PointerEvent): number | undefined {
    const chart = this.histogramChart;
    const view = this.histogram;
    if (chart === undefined || view === undefined) return undefined;
    const rect = this.histogramCanvas.getBoundingClientRect();
    return Math.round(pixelToScore(event.clientX - rect.left, view.edges, chart.chartArea.left, chart.chartArea.right) * 1000) / 1000;
  }

  private onHistogramPointerDown(event: PointerEvent): void {
    const chart = this.histogramChart;
    if (chart === undefined || event.button !== 0) return;
    const rect = this.histogramCanvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const area = chart.chartArea;
    if (x < area.left - GRAB_DISTANCE || x > area.right + GRAB_DISTANCE || y < area.top || y > area.bottom) return;
    this.dragging = true;
    this.histogramCanvas.setPointerCapture(event.pointerId);
    this.histogramCanvas.style.cursor = 'ew-resize';
    const score = this.thresholdAt(event);
    if (score !== undefined) this.callbacks.moveThreshold(score);
    event.preventDefault();
  }

  private onHistogramPointerMove(event: PointerEvent): void {
    if (!this.dragging) return;
    const score = this.thresholdAt(event);
    if (score !== undefined) this.callbacks.moveThreshold(score);
  }

  private onHistogramPointerUp(event: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    if (this.histogramCanvas.hasPointerCapture(event.pointerId)) this.histogramCanvas.releasePointerCapture(event.pointerId);
  }
}

function baseOptions(colors: ThemeColors): NonNullable<ChartConfiguration['options']> {
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

function tooltipOptions(colors: ThemeColors) {
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

function compact(n: number): string {
  if (n >= 1e9) return `${n / 1e9}G`;
  if (n >= 1e6) return `${n / 1e6}M`;
  if (n >= 1e3) return `${n / 1e3}k`;
  return String(n);
}

function applyTimeline(chart: Pick<Chart, 'data'>, view: TimelineView, colors: ThemeColors): void {
  chart.data.labels = [...view.labels];
  const anomalyFill = view.anomalies.map((_, i) => (view.spikes.has(i) ? colors.anomaly : withAlpha(colors.anomaly, colors.highContrast ? 1 : 0.7)));
  chart.data.datasets = [
    {
      type: 'bar',
      label: 'Anomalies',
      data: [...view.anomalies],
      yAxisID: 'anomalies',
      backgroundColor: anomalyFill,
      borderColor: colors.anomaly,
      borderWidth: view.anomalies.map((_, i) => (view.spikes.has(i) ? 1 : 0)),
      barPercentage: 0.7,
      categoryPercentage: 1,
      maxBarThickness: 18,
      minBarLength: 0,
      order: 1,
    },
    {
      type: 'line',
      label: 'Lines',
      data: [...view.lines],
      yAxisID: 'y',
      borderColor: colors.volume,
      backgroundColor: withAlpha(colors.volume, colors.highContrast ? 0.35 : 0.16),
      borderWidth: 1.5,
      fill: 'origin',
      pointRadius: 0,
      pointHoverRadius: 3,
      stepped: 'middle',
      order: 2,
    },
  ];
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

/** Error bursts as translucent bands behind the timeline, and the selected bucket framed. */
function bucketBands(view: () => TimelineView | undefined, colors: () => ThemeColors): Plugin {
  return {
    id: 'bucketBands',
    beforeDatasetsDraw(chart) {
      const current = view();
      if (current === undefined || current.lines.length === 0) return;
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      const width = (chartArea.right - chartArea.left) / current.lines.length;
      const band = (index: number): [number, number] => [x.getPixelForValue(index) - width / 2, width];
      ctx.save();
      ctx.fillStyle = withAlpha(colors().burst, 0.22);
      for (const index of current.bursts) {
        const [left, w] = band(index);
        ctx.fillRect(left, chartArea.top, w, chartArea.bottom - chartArea.top);
      }
      if (current.selected !== null) {
        const [left, w] = band(current.selected);
        ctx.fillStyle = withAlpha(colors().selection, 0.18);
        ctx.fillRect(left, chartArea.top, w, chartArea.bottom - chartArea.top);
        ctx.strokeStyle = colors().selection;
        ctx.lineWidth = 1;
        ctx.strokeRect(left + 0.5, chartArea.top + 0.5, Math.max(1, w - 1), chartArea.bottom - chartArea.top - 1);
      }
      ctx.restore();
    },
  };
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
      const label = formatScore(current.threshold);
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
