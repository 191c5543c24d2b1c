/**
 * The timeline chart: lines per bucket as a stepped area, anomalies as bars on their own axis,
 * error bursts and the selected bucket as bands behind them. A click on a bucket selects it, a
 * click on the selected one clears the selection.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { withAlpha, type ThemeColors } from '../theme';
import type { TimelineView } from './chartData';
import { baseOptions, CanvasChart, tooltipOptions } from './canvasChart';
import { groupDigits } from '../../analysis/util/text';

export class TimelineChart extends CanvasChart<TimelineView> {
  constructor(
    canvas: HTMLCanvasElement,
    /** A bucket was clicked (null: the selected one again). */
    private readonly onSelect: (index: number | null) => void,
    colors: () => ThemeColors,
  ) {
    super(canvas, colors);
  }

  protected update(chart: Chart, view: TimelineView): void {
    applyTimeline(chart, view, this.colors());
    // A log without timestamps after one with: the axis is lines now.
    const x = chart.options.scales?.x as { title?: { text: string } } | undefined;
    if (x?.title !== undefined) x.title.text = view.axisTitle;
  }

  protected config(view: TimelineView): ChartConfiguration {
    const colors = this.colors();
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
          const current = this.view?.selected ?? null;
          if (index >= 0 && index < (this.view?.lines.length ?? 0)) this.onSelect(index === current ? null : index);
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
            ticks: { color: colors.muted, precision: 0, maxTicksLimit: 5, callback: (value) => groupDigits(Number(value)) },
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
              title: (items) => (items.length > 0 ? (this.view?.ranges[items[0].dataIndex] ?? '') : ''),
              label: (item) => `${item.dataset.label ?? ''}: ${groupDigits(Number(item.raw))}`,
              afterBody: (items) => {
                const index = items[0]?.dataIndex;
                const view = this.view;
                if (index === undefined || view === undefined) return [];
                const notes = [`Errors: ${groupDigits(view.errors[index] ?? 0)}`];
                if (view.bursts.has(index)) notes.push('Error burst');
                notes.push(index === view.selected ? 'Click to show every bucket' : 'Click to list this bucket’s anomalies');
                return notes;
              },
            },
          },
        },
      },
      plugins: [bucketBands(() => this.view, this.colors)],
    };
    applyTimeline({ data: config.data } as Chart, view, colors);
    return config;
  }
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
