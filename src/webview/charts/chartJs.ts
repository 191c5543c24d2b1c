/**
 * The Chart.js layer: one chart per canvas (timelineChart.ts, histogramChart.ts) drawing the views
 * chartData.ts computes, in the theme's colours, with clicks and drags turned into the app's
 * callbacks. Kept thin: what to draw is decided elsewhere and tested without a canvas.
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
} from 'chart.js';
import { readThemeColors, type ThemeColors } from '../theme';
import type { ChartCallbacks, ChartsFactory, DashboardCharts, HistogramView, TimelineView } from './chartData';
import { HistogramChart } from './histogramChart';
import { TimelineChart } from './timelineChart';

Chart.register(BarController, BarElement, CategoryScale, Filler, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip);

export const createCharts: ChartsFactory = (canvases, callbacks) => new ChartJsCharts(canvases.timeline, canvases.histogram, callbacks);

class ChartJsCharts implements DashboardCharts {
  private colors: ThemeColors = readThemeColors();
  private readonly timeline: TimelineChart;
  private readonly histogram: HistogramChart;

  constructor(timelineCanvas: HTMLCanvasElement, histogramCanvas: HTMLCanvasElement, callbacks: ChartCallbacks) {
    const colors = (): ThemeColors => this.colors;
    this.timeline = new TimelineChart(timelineCanvas, (index) => callbacks.selectBucket(index), colors);
    this.histogram = new HistogramChart(histogramCanvas, (score) => callbacks.moveThreshold(score), colors);
  }

  showTimeline(view: TimelineView): void {
    this.timeline.show(view);
  }

  showHistogram(view: HistogramView): void {
    this.histogram.show(view);
  }

  retheme(): void {
    this.colors = readThemeColors();
    this.timeline.rebuild();
    this.histogram.rebuild();
  }

  dispose(): void {
    this.timeline.dispose();
    this.histogram.dispose();
  }
}
