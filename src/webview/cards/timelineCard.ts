/**
 * The timeline card: lines and anomalies per bucket of the log's clock (or of its lines), error
 * bursts shaded. A bucket picked on the chart or with the arrow keys filters the ranked list to it;
 * what is picked is said to screen readers.
 */
import type { DashboardTimeline } from '../../protocol';
import { describeTimeline, timelineView, type DashboardCharts, type TimelineView } from '../charts/chartData';
import { h } from '../dom';
import { bucketRange, formatBucketSize } from '../format';
import { groupDigits } from '../../analysis/util/text';

export interface TimelineCardOptions {
  /** A bucket was picked with the keyboard (null: Escape, every bucket). */
  onSelect(bucket: number | null): void;
  /** The chart layer, if there is one. */
  charts(): DashboardCharts | undefined;
}

export class TimelineCard {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private readonly announcer: HTMLElement;
  private timeline: DashboardTimeline | null = null;
  private selected: number | null = null;

  constructor(private readonly options: TimelineCardOptions) {
    this.caption = h('p', { className: 'caption', id: 'timeline-caption' });
    this.canvas = h('canvas', { id: 'timeline-chart', attrs: { role: 'img', 'aria-describedby': 'timeline-description' } });
    this.announcer = h('p', { className: 'visually-hidden', id: 'timeline-description', attrs: { 'aria-live': 'polite' } });
    const box = h(
      'div',
      {
        className: 'chart-box',
        id: 'timeline-box',
        attrs: { tabindex: '0', role: 'group', 'aria-label': 'Timeline. Left and right arrows pick a bucket to list its anomalies, Escape shows all.' },
      },
      [this.canvas],
    );
    box.addEventListener('keydown', (event) => this.onKey(event));
    this.element = h('section', { className: 'card chart-card', id: 'timeline', attrs: { 'aria-labelledby': 'timeline-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'timeline-title', text: 'Timeline' }), legend()]),
      this.caption,
      box,
      this.announcer,
    ]);
  }

  /** A new timeline, with `selected` the bucket the list is filtered to (null: none). */
  show(timeline: DashboardTimeline, selected: number | null): void {
    this.timeline = timeline;
    this.caption.textContent =
      timeline.kind === 'time'
        ? `Lines and anomalies per ${formatBucketSize(timeline)}, by the log's own clock. Shaded: error bursts. Click a bucket to list its anomalies.`
        : `The log has no timestamps: lines and anomalies per ${formatBucketSize(timeline)}. Click a bucket to list its anomalies.`;
    this.announcer.textContent = describeTimeline(this.draw(selected));
  }

  /** Another bucket picked (null: none): framed on the chart and announced. */
  select(selected: number | null): void {
    if (this.timeline === null) return;
    const view = this.draw(selected);
    this.announcer.textContent = selected === null ? describeTimeline(view) : bucketDescription(this.timeline, selected);
  }

  private draw(selected: number | null): TimelineView {
    this.selected = selected;
    const view = timelineView(this.timeline!, selected);
    this.canvas.setAttribute('aria-label', `Timeline chart. ${describeTimeline(view)}`);
    this.options.charts()?.showTimeline(view);
    return view;
  }

  private onKey(event: KeyboardEvent): void {
    if (this.timeline === null) return;
    const count = this.timeline.lines.length;
    const current = this.selected;
    let next: number | null;
    switch (event.key) {
      case 'ArrowRight':
        next = current === null ? 0 : Math.min(count - 1, current + 1);
        break;
      case 'ArrowLeft':
        next = current === null ? count - 1 : Math.max(0, current - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'Escape':
        next = null;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.options.onSelect(next);
  }
}

function bucketDescription(timeline: DashboardTimeline, bucket: number): string {
  return `${bucketRange(timeline, bucket)}: ${groupDigits(timeline.lines[bucket])} lines, ${groupDigits(timeline.anomalies[bucket])} anomalous, ${groupDigits(timeline.errors[bucket])} errors${timeline.bursts.includes(bucket) ? ' (error burst)' : ''}.`;
}

/** The timeline's key, as HTML so it follows the theme (swatches take the same CSS variables as the chart). */
function legend(): HTMLElement {
  const entry = (kind: string, text: string): HTMLElement => h('span', { className: 'legend-entry' }, [h('span', { className: `swatch swatch-${kind}`, attrs: { 'aria-hidden': 'true' } }), text]);
  return h('div', { className: 'legend', attrs: { 'aria-hidden': 'true' } }, [entry('volume', 'Lines'), entry('anomaly', 'Anomalies'), entry('burst', 'Error burst'), entry('selection', 'Selected')]);
}
