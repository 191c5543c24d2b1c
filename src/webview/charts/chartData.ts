/**
 * What the two charts draw, computed from the dashboard state without Chart.js: labels, the buckets
 * that stand out, bin colours against the threshold, and the mapping between threshold values and
 * pixels for dragging. The Chart.js layer (chartJs.ts, timelineChart.ts, histogramChart.ts) only
 * feeds these to the library.
 */
import type { DashboardHistogram, DashboardTimeline } from '../../protocol';
import { bucketLabel, bucketRange, formatBucketSize } from '../format';
import { formatScore, groupDigits } from '../../analysis/util/text';

export interface TimelineView {
  readonly labels: readonly string[];
  /** The full extent of each bucket, for tooltips. */
  readonly ranges: readonly string[];
  readonly lines: readonly number[];
  readonly anomalies: readonly number[];
  readonly errors: readonly number[];
  readonly bursts: ReadonlySet<number>;
  /** Buckets with far more anomalies than the others. */
  readonly spikes: ReadonlySet<number>;
  /** The bucket the ranked list is filtered to. */
  readonly selected: number | null;
  /** e.g. `5 minutes`, `120 lines`. */
  readonly bucketSize: string;
  readonly axisTitle: string;
}

export function timelineView(timeline: DashboardTimeline, selected: number | null): TimelineView {
  const count = timeline.lines.length;
  return {
    labels: Array.from({ length: count }, (_, i) => bucketLabel(timeline, i)),
    ranges: Array.from({ length: count }, (_, i) => bucketRange(timeline, i)),
    lines: timeline.lines,
    anomalies: timeline.anomalies,
    errors: timeline.errors,
    bursts: new Set(timeline.bursts),
    spikes: spikes(timeline.anomalies),
    selected,
    bucketSize: formatBucketSize(timeline),
    axisTitle: timeline.kind === 'time' ? 'Time (log clock)' : 'Line',
  };
}

/** Buckets whose anomaly count is at least 2 and well above the rest (mean + 2 standard deviations). */
export function spikes(anomalies: readonly number[]): Set<number> {
  const n = anomalies.length;
  if (n === 0) return new Set();
  const mean = anomalies.reduce((sum, value) => sum + value, 0) / n;
  const sd = Math.sqrt(anomalies.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n);
  const found = new Set<number>();
  anomalies.forEach((value, i) => {
    if (value >= 2 && value > mean + 2 * sd) found.add(i);
  });
  return found;
}

/** One sentence for screen readers and the chart's caption. */
export function describeTimeline(view: TimelineView): string {
  const total = view.lines.reduce((sum, value) => sum + value, 0);
  const anomalies = view.anomalies.reduce((sum, value) => sum + value, 0);
  let text = `${groupDigits(total)} lines in ${groupDigits(view.lines.length)} buckets of ${view.bucketSize}, ${groupDigits(anomalies)} anomalous.`;
  if (view.spikes.size > 0) text += ` Anomaly spikes: ${[...view.spikes].slice(0, 5).map((i) => view.ranges[i]).join('; ')}.`;
  if (view.bursts.size > 0) text += ` Error bursts: ${[...view.bursts].slice(0, 5).map((i) => view.ranges[i]).join('; ')}.`;
  return text;
}

export interface HistogramView {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly threshold: number;
  /** Whether each bin is drawn as flagged: its middle is at or above the threshold. */
  readonly flagged: readonly boolean[];
  /** `0.60–0.62` per bin, for tooltips. */
  readonly ranges: readonly string[];
}

export function histogramView(histogram: DashboardHistogram, threshold: number): HistogramView {
  const { edges, counts } = histogram;
  return {
    edges,
    counts,
    threshold,
    flagged: counts.map((_, i) => (edges[i] + edges[i + 1]) / 2 >= threshold),
    ranges: counts.map((_, i) => `${formatScore(edges[i], 'label')}–${formatScore(edges[i + 1], 'label')}`),
  };
}

export function describeHistogram(view: HistogramView): string {
  const total = view.counts.reduce((sum, value) => sum + value, 0);
  const above = view.counts.reduce((sum, value, i) => sum + (view.flagged[i] ? value : 0), 0);
  return `Scores of ${groupDigits(total)} lines in ${view.counts.length} bins from ${view.edges[0]} to ${view.edges[view.edges.length - 1]}; threshold ${formatScore(view.threshold, 'table')}, about ${groupDigits(above)} lines above it.`;
}

/**
 * The x pixel of a score on the histogram, whose bins tile [left, right] edge to edge (a category
 * axis with full-width bars), and back.
 */
export function scoreToPixel(score: number, edges: readonly number[], left: number, right: number): number {
  const low = edges[0];
  const high = edges[edges.length - 1];
  return left + ((score - low) / (high - low)) * (right - left);
}

export function pixelToScore(x: number, edges: readonly number[], left: number, right: number): number {
  const low = edges[0];
  const high = edges[edges.length - 1];
  const score = low + ((x - left) / (right - left)) * (high - low);
  return Math.min(high, Math.max(low, score));
}

/** What the app hears from the charts. */
export interface ChartCallbacks {
  /** A timeline bucket was clicked (null: the selected one again, to clear the filter). */
  selectBucket(index: number | null): void;
  /** The threshold was dragged on the histogram. */
  moveThreshold(score: number): void;
}

/** The drawing layer; the app talks to charts only through this. */
export interface DashboardCharts {
  showTimeline(view: TimelineView): void;
  showHistogram(view: HistogramView): void;
  /** Re-reads the theme's colours and redraws (after VS Code switched themes). */
  retheme(): void;
  dispose(): void;
}

export type ChartsFactory = (canvases: { readonly timeline: HTMLCanvasElement; readonly histogram: HTMLCanvasElement }, callbacks: ChartCallbacks) => DashboardCharts;
