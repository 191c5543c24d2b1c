/**
 * The score distribution card: lines per anomaly score, and the threshold over it as a line to drag
 * and a slider (arrow keys step by 0.005, Page keys by 0.05), with a Reset to the analysis's choice.
 */
import type { DashboardHistogram } from '../../protocol';
import { describeHistogram, histogramView, type DashboardCharts } from '../charts/chartData';
import { h } from '../dom';
import { createButton } from '../toolkit';
import { formatScore } from '../../analysis/util/text';

const THRESHOLD_KEY_STEP = 0.005;
const THRESHOLD_PAGE_STEP = 0.05;

export interface HistogramCardOptions {
  /** The user moved the threshold here (slider, keys, Reset). */
  onMove(score: number): void;
  /** The chart layer, if there is one. */
  charts(): DashboardCharts | undefined;
}

export class HistogramCard {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly description: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly value: HTMLOutputElement;
  private readonly note: HTMLElement;
  private readonly reset: HTMLElement;
  /** The threshold the controls show. */
  private threshold = 0;
  /** The threshold the analysis chose (null: no state). */
  private reportThreshold: number | null = null;

  constructor(private readonly options: HistogramCardOptions) {
    this.canvas = h('canvas', { id: 'histogram-chart', attrs: { role: 'img', 'aria-describedby': 'histogram-description' } });
    this.description = h('p', { className: 'visually-hidden', id: 'histogram-description' });
    this.slider = h('input', {
      id: 'threshold',
      attrs: { type: 'range', min: '0', max: '1', step: 'any', 'aria-describedby': 'threshold-note' },
    });
    this.slider.addEventListener('input', () => options.onMove(Number(this.slider.value)));
    this.slider.addEventListener('keydown', (event) => this.onSliderKey(event));
    this.value = h('output', { className: 'threshold-value', id: 'threshold-value', attrs: { for: 'threshold' } });
    this.note = h('p', { className: 'caption', id: 'threshold-note' });
    this.reset = createButton('Reset', { title: 'Back to the threshold the analysis chose' });
    this.reset.id = 'threshold-reset';
    this.reset.addEventListener('click', () => {
      if (this.reportThreshold !== null) options.onMove(this.reportThreshold);
    });
    this.element = h('section', { className: 'card chart-card', id: 'histogram', attrs: { 'aria-labelledby': 'histogram-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'histogram-title', text: 'Score distribution' })]),
      h('p', { className: 'caption', text: 'Lines per anomaly score. Lines at or above the threshold are flagged: drag the line, or use the slider.' }),
      h('div', { className: 'chart-box', id: 'histogram-box' }, [this.canvas]),
      this.description,
      h('div', { className: 'threshold' }, [h('label', { attrs: { for: 'threshold' }, text: 'Threshold' }), this.slider, this.value, this.reset]),
      this.note,
    ]);
  }

  /** The histogram with lines at or above `threshold` flagged. */
  draw(histogram: DashboardHistogram, threshold: number): void {
    const view = histogramView(histogram, threshold);
    const description = describeHistogram(view);
    this.canvas.setAttribute('aria-label', `Score histogram. ${description}`);
    this.description.textContent = description;
    this.options.charts()?.showHistogram(view);
  }

  /**
   * The controls at `threshold`; `reportThreshold` is the analysis's choice (null: nothing shown),
   * `live` whether the host has a result to move the threshold on.
   */
  showControls(threshold: number, reportThreshold: number | null, live: boolean): void {
    this.threshold = threshold;
    this.reportThreshold = reportThreshold;
    const text = formatScore(threshold, 'table');
    this.slider.value = String(threshold);
    this.slider.setAttribute('aria-valuetext', text);
    this.value.textContent = text;
    this.slider.disabled = reportThreshold === null || !live;
    this.reset.toggleAttribute('disabled', reportThreshold === null || !live || Math.abs(threshold - reportThreshold) < 1e-9);
    if (reportThreshold === null) return;
    this.note.textContent = !live
      ? 'The threshold moves once the log has a live result.'
      : `The analysis chose ${formatScore(reportThreshold, 'table')}. Moving it updates this list, the editor's marks and the Problems panel.`;
  }

  private onSliderKey(event: KeyboardEvent): void {
    const steps: Record<string, number> = {
      ArrowRight: THRESHOLD_KEY_STEP,
      ArrowUp: THRESHOLD_KEY_STEP,
      ArrowLeft: -THRESHOLD_KEY_STEP,
      ArrowDown: -THRESHOLD_KEY_STEP,
      PageUp: THRESHOLD_PAGE_STEP,
      PageDown: -THRESHOLD_PAGE_STEP,
    };
    let value: number;
    if (event.key in steps) value = Math.round((this.threshold + steps[event.key]) / THRESHOLD_KEY_STEP) * THRESHOLD_KEY_STEP;
    else if (event.key === 'Home') value = 0;
    else if (event.key === 'End') value = 1;
    else return;
    event.preventDefault();
    this.options.onMove(value);
  }
}
