/**
 * The dashboard: builds the page, shows the state the host sends, keeps the user's sort, filters
 * and selection (saved with the state so a reloaded window shows the same thing), and turns what
 * the user does into messages for the host. The DOM work is here; charts go through the
 * DashboardCharts layer, messages and storage through DashboardHost, so all of it runs in a test.
 */
import type { DashboardSavedState, DashboardSortKey, DashboardState, DashboardView, HostToWebview, WebviewToHost } from '../protocol';
import { describeHistogram, describeTimeline, histogramView, timelineView, type ChartsFactory, type DashboardCharts } from './chartData';
import { h } from './dom';
import { bucketRange, formatBucketSize, formatBytes, formatElapsed, formatInteger, formatScore } from './format';
import { RankedList } from './rankedList';
import { levelsOf, naturalDescending, NO_ROWS, pickRows, rowOrder } from './rows';
import { SessionsSection } from './sessions';
import { createBadge, createButton, createDropdown, createProgressRing, createTextField, type DropdownControl, type ValueControl } from './toolkit';

/** How the app reaches the outside: the host's messages and the webview's saved state. */
export interface DashboardHost {
  post(message: WebviewToHost): void;
  saveState(saved: DashboardSavedState): void;
}

export interface DashboardOptions {
  readonly host: DashboardHost;
  /** What the webview saved before a reload, if anything. */
  readonly saved?: DashboardSavedState | undefined;
  /** The chart layer; without one the canvases stay blank (tests). */
  readonly charts?: ChartsFactory | undefined;
  /** Quiet time after the last threshold move before the host is told. */
  readonly thresholdDelayMs?: number;
  /** Quiet time before the view (sort, filters) is saved. */
  readonly saveDelayMs?: number;
}

export const DEFAULT_VIEW: DashboardView = { sortKey: 'rank', sortDescending: false, text: '', level: '', bucket: null, session: null };

const ROW_HEIGHT = 24;
/** Rows kept in the saved state (see savedForm). */
export const SAVED_ROWS = 1000;
const THRESHOLD_KEY_STEP = 0.005;
const THRESHOLD_PAGE_STEP = 0.05;

export class DashboardApp {
  private readonly host: DashboardHost;
  private readonly thresholdDelayMs: number;
  private readonly saveDelayMs: number;
  private state: DashboardState | null;
  private view: DashboardView;
  /** Whether the host has a result for the state shown (false: a saved snapshot, not live). */
  private live = false;
  /** The threshold as the user has it now; may run ahead of the state until the host answers. */
  private threshold = 0;
  private thresholdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sent to the host, not yet reflected in a state. */
  private awaitedThreshold: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Row indices the list shows, in its order (saved first, see savedForm). */
  private shownOrder: Int32Array = new Int32Array(0);
  private charts: DashboardCharts | undefined;

  // Elements
  private readonly title: HTMLElement;
  private readonly location: HTMLElement;
  private readonly status: HTMLElement;
  private readonly main: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly timelineCaption: HTMLElement;
  private readonly timelineBox: HTMLElement;
  private readonly timelineCanvas: HTMLCanvasElement;
  private readonly timelineAnnouncer: HTMLElement;
  private readonly histogramCanvas: HTMLCanvasElement;
  private readonly slider: HTMLInputElement;
  private readonly thresholdValue: HTMLOutputElement;
  private readonly thresholdNote: HTMLElement;
  private readonly resetThreshold: HTMLElement;
  private readonly listCount: HTMLElement;
  private readonly listBadge: HTMLElement;
  private readonly listBusy: HTMLElement;
  private readonly filter: ValueControl;
  private readonly levelFilter: DropdownControl;
  private readonly bucketChip: HTMLElement;
  private readonly bucketChipText: HTMLElement;
  private readonly listEmpty: HTMLElement;
  readonly list: RankedList;
  private readonly sessions: SessionsSection;

  constructor(
    private readonly root: HTMLElement,
    options: DashboardOptions,
  ) {
    this.host = options.host;
    this.thresholdDelayMs = options.thresholdDelayMs ?? 150;
    this.saveDelayMs = options.saveDelayMs ?? 400;
    this.state = options.saved?.state ?? null;
    this.view = { ...DEFAULT_VIEW, ...options.saved?.view };

    // Header
    this.title = h('h1', { className: 'file-name', id: 'file-name', text: 'Log Anomaly Dashboard' });
    this.location = h('p', { className: 'location', id: 'file-location' });
    this.status = h('p', { className: 'status', id: 'status', attrs: { role: 'status' } });
    const header = h('header', { className: 'page-head' }, [h('div', { className: 'titles' }, [this.title, this.location]), this.status]);

    this.empty = h('div', { className: 'empty', id: 'empty' }, [createProgressRing('Waiting for results'), h('p', { text: 'Waiting for analysis results…' })]);

    // Summary
    this.summary = h('dl', { className: 'summary', id: 'summary', attrs: { 'aria-label': 'Summary' } });

    // Timeline
    this.timelineCaption = h('p', { className: 'caption', id: 'timeline-caption' });
    this.timelineCanvas = h('canvas', { id: 'timeline-chart', attrs: { role: 'img', 'aria-describedby': 'timeline-description' } });
    this.timelineAnnouncer = h('p', { className: 'visually-hidden', id: 'timeline-description', attrs: { 'aria-live': 'polite' } });
    this.timelineBox = h(
      'div',
      {
        className: 'chart-box',
        id: 'timeline-box',
        attrs: { tabindex: '0', role: 'group', 'aria-label': 'Timeline. Left and right arrows pick a bucket to list its anomalies, Escape shows all.' },
      },
      [this.timelineCanvas],
    );
    this.timelineBox.addEventListener('keydown', (event) => this.onTimelineKey(event));
    const timelineCard = h('section', { className: 'card chart-card', id: 'timeline', attrs: { 'aria-labelledby': 'timeline-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'timeline-title', text: 'Timeline' }), legend()]),
      this.timelineCaption,
      this.timelineBox,
      this.timelineAnnouncer,
    ]);

    // Histogram and threshold
    this.histogramCanvas = h('canvas', { id: 'histogram-chart', attrs: { role: 'img', 'aria-describedby': 'histogram-description' } });
    this.slider = h('input', {
      id: 'threshold',
      attrs: { type: 'range', min: '0', max: '1', step: 'any', 'aria-describedby': 'threshold-note' },
    });
    this.slider.addEventListener('input', () => this.moveThreshold(Number(this.slider.value)));
    this.slider.addEventListener('keydown', (event) => this.onSliderKey(event));
    this.thresholdValue = h('output', { className: 'threshold-value', id: 'threshold-value', attrs: { for: 'threshold' } });
    this.thresholdNote = h('p', { className: 'caption', id: 'threshold-note' });
    this.resetThreshold = createButton('Reset', { title: 'Back to the threshold the analysis chose' });
    this.resetThreshold.id = 'threshold-reset';
    this.resetThreshold.addEventListener('click', () => {
      if (this.state !== null) this.moveThreshold(this.state.reportThreshold);
    });
    const histogramCard = h('section', { className: 'card chart-card', id: 'histogram', attrs: { 'aria-labelledby': 'histogram-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'histogram-title', text: 'Score distribution' })]),
      h('p', { className: 'caption', text: 'Lines per anomaly score. Lines at or above the threshold are flagged: drag the line, or use the slider.' }),
      h('div', { className: 'chart-box', id: 'histogram-box' }, [this.histogramCanvas]),
      h('p', { className: 'visually-hidden', id: 'histogram-description' }),
      h('div', { className: 'threshold' }, [h('label', { attrs: { for: 'threshold' }, text: 'Threshold' }), this.slider, this.thresholdValue, this.resetThreshold]),
      this.thresholdNote,
    ]);

    // Ranked list
    this.listBadge = createBadge('0');
    this.listBadge.id = 'ranked-count-badge';
    this.listBusy = createProgressRing('Updating the list');
    this.listBusy.classList.add('busy');
    this.listBusy.hidden = true;
    this.listCount = h('span', { className: 'count', id: 'ranked-count', attrs: { role: 'status' } });
    this.filter = createTextField({ placeholder: 'Message, template, reason or line number', label: 'Filter' });
    this.filter.element.id = 'ranked-filter';
    this.filter.value = this.view.text;
    this.filter.onChange((text) => this.updateView({ text }));
    this.levelFilter = createDropdown({ label: 'Level' });
    this.levelFilter.element.id = 'ranked-level';
    this.levelFilter.onChange((level) => this.updateView({ level }));
    this.bucketChipText = h('span', { className: 'chip-text' });
    const clearBucket = createButton('Show all', { title: 'Show the anomalies of every timeline bucket' });
    clearBucket.id = 'ranked-bucket-clear';
    clearBucket.addEventListener('click', () => this.selectBucket(null));
    this.bucketChip = h('div', { className: 'chip', id: 'ranked-bucket' }, [this.bucketChipText, clearBucket]);
    this.list = new RankedList({
      rowHeight: ROW_HEIGHT,
      onReveal: (line) => this.reveal(line),
      onSort: (key) => this.sortBy(key),
    });
    this.listEmpty = h('p', { className: 'list-empty', id: 'ranked-empty' });
    const listCard = h('section', { className: 'card ranked', id: 'ranked', attrs: { 'aria-labelledby': 'ranked-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'ranked-title', text: 'Anomalous lines' }), this.listBadge, this.listBusy]),
      h('div', { className: 'toolbar' }, [
        this.filter.element,
        h('div', { className: 'field' }, [h('span', { className: 'field-label', id: 'ranked-level-label', text: 'Level' }), this.levelFilter.element]),
        this.bucketChip,
        this.listCount,
      ]),
      this.list.element,
      this.listEmpty,
    ]);

    this.sessions = new SessionsSection({
      onOpen: (session) => {
        this.updateView({ session });
        if (this.state !== null) this.host.post({ type: 'sessionLines', uri: this.state.uri, session });
      },
      onClose: () => this.updateView({ session: null }),
      onReveal: (line) => this.reveal(line),
    });

    this.main = h('main', { className: 'content', id: 'content' }, [
      h('section', { className: 'card summary-card', attrs: { 'aria-label': 'Summary' } }, [this.summary]),
      h('div', { className: 'charts' }, [timelineCard, histogramCard]),
      listCard,
      this.sessions.element,
    ]);
    root.replaceChildren(header, this.empty, this.main);

    if (options.charts !== undefined) {
      this.charts = options.charts(
        { timeline: this.timelineCanvas, histogram: this.histogramCanvas },
        { selectBucket: (index) => this.selectBucket(index), moveThreshold: (score) => this.moveThreshold(score) },
      );
    }
  }

  /** Shows what was saved, then tells the host the webview listens. */
  start(): void {
    if (this.state !== null) {
      this.setStatus('Saved results; waiting for the extension…', 'pending');
      this.showState(this.state, true);
    } else {
      this.showEmpty('Waiting for analysis results…', true);
    }
    this.host.post({ type: 'ready', uri: this.state?.uri ?? null });
  }

  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'state': {
        const sameLog = this.state?.uri === message.state.uri;
        if (!sameLog) this.view = { ...this.view, bucket: null, session: null };
        this.live = true;
        this.setStatus('', 'live');
        if (this.awaitedThreshold !== null && Math.abs(message.state.threshold - this.awaitedThreshold) < 1e-12) this.awaitedThreshold = null;
        this.showState(message.state, sameLog);
        this.save(true);
        break;
      }
      case 'noResult':
        if (this.state !== null && this.state.uri === message.uri) {
          this.live = false;
          this.setStatus('Saved results: run Log Anomaly: Detect Anomalies on this log to update them and move the threshold.', 'stale');
          this.updateThresholdControls();
        } else {
          this.state = null;
          this.live = false;
          this.title.textContent = message.uri === '' ? 'Log Anomaly Dashboard' : message.fileName;
          this.location.textContent = '';
          this.setStatus('', 'none');
          this.showEmpty(
            message.uri === ''
              ? 'No log has been analysed yet. Open a log and run Log Anomaly: Detect Anomalies.'
              : `${message.fileName} has not been analysed yet. Run Log Anomaly: Detect Anomalies on it.`,
            false,
          );
          this.save(true);
        }
        break;
      case 'sessionLines':
        if (this.state?.uri === message.uri) this.sessions.showLines(message.session, message.lines, message.total);
        break;
    }
  }

  /** The timeline bucket the list is filtered to (null: all); from a click on the chart or the keyboard. */
  selectBucket(bucket: number | null): void {
    if (this.state === null) return;
    const count = this.state.timeline.lines.length;
    const next = bucket === null || count === 0 ? null : Math.max(0, Math.min(count - 1, bucket));
    this.updateView({ bucket: next });
    this.drawTimeline();
    this.timelineAnnouncer.textContent = next === null ? describeTimeline(timelineView(this.state.timeline, null)) : this.bucketDescription(next);
  }

  /** Moves the threshold here at once and tells the host once the user pauses. */
  moveThreshold(value: number): void {
    if (this.state === null || !this.live || !Number.isFinite(value)) return;
    this.threshold = Math.min(1, Math.max(0, value));
    this.updateThresholdControls();
    this.drawHistogram();
    this.refreshList(true);
    clearTimeout(this.thresholdTimer);
    const uri = this.state.uri;
    this.thresholdTimer = setTimeout(() => {
      this.thresholdTimer = undefined;
      this.awaitedThreshold = this.threshold;
      this.listBusy.hidden = false;
      this.host.post({ type: 'setThreshold', uri, threshold: this.threshold });
    }, this.thresholdDelayMs);
  }

  /** Re-reads the theme's colours into the charts. */
  retheme(): void {
    this.charts?.retheme();
  }

  /** Re-renders the rows in view (the window resized). */
  relayout(): void {
    this.list.render();
  }

  dispose(): void {
    clearTimeout(this.thresholdTimer);
    clearTimeout(this.saveTimer);
    this.charts?.dispose();
  }

  // --- rendering -----------------------------------------------------------------------------

  private showEmpty(text: string, waiting: boolean): void {
    this.main.hidden = true;
    this.empty.hidden = false;
    this.empty.replaceChildren(...(waiting ? [createProgressRing('Waiting for results')] : []), h('p', { text }));
  }

  private showState(state: DashboardState, sameLog: boolean): void {
    this.state = state;
    this.empty.hidden = true;
    this.main.hidden = false;
    const moving = this.thresholdTimer !== undefined || this.awaitedThreshold !== null;
    if (!moving) this.threshold = state.threshold;
    this.listBusy.hidden = !moving;
    if (this.view.bucket !== null && this.view.bucket >= state.timeline.lines.length) this.view = { ...this.view, bucket: null };

    this.title.textContent = state.summary.fileName;
    this.location.textContent = state.summary.location;
    this.location.title = state.summary.location;
    this.renderSummary(state);
    this.timelineCaption.textContent =
      state.timeline.kind === 'time'
        ? `Lines and anomalies per ${formatBucketSize(state.timeline)}, by the log's own clock. Shaded: error bursts. Click a bucket to list its anomalies.`
        : `The log has no timestamps: lines and anomalies per ${formatBucketSize(state.timeline)}. Click a bucket to list its anomalies.`;
    this.drawTimeline();
    this.timelineAnnouncer.textContent = describeTimeline(timelineView(state.timeline, this.view.bucket));
    this.drawHistogram();
    this.updateThresholdControls();

    const levels = levelsOf(state.rows);
    this.levelFilter.setOptions([{ value: '', label: 'All levels' }, ...levels.map((level) => ({ value: level, label: level }))]);
    this.levelFilter.value = levels.includes(this.view.level) ? this.view.level : '';
    if (this.levelFilter.value !== this.view.level) this.view = { ...this.view, level: this.levelFilter.value };
    this.refreshList(sameLog);

    this.sessions.setData(state.sessions, state.timeline.hasYear, this.view.session);
    if (this.sessions.openSession !== this.view.session) this.view = { ...this.view, session: this.sessions.openSession };
    if (this.view.session !== null && this.live) this.host.post({ type: 'sessionLines', uri: state.uri, session: this.view.session });
  }

  private renderSummary(state: DashboardState): void {
    const s = state.summary;
    const moved = Math.abs(state.threshold - state.reportThreshold) > 1e-9;
    const items: Array<[string, string, string?]> = [
      ['Lines', formatInteger(s.lines), s.entries !== s.lines ? `${formatInteger(s.entries)} entries · ${formatBytes(s.bytes)}` : formatBytes(s.bytes)],
      ['Templates', formatInteger(s.templates), `format: ${s.format}`],
      ['Sessions', s.sessions > 0 ? formatInteger(s.sessions) : 'none', state.sessions?.kind ?? undefined],
      ['Anomalies', formatInteger(s.anomalies), s.lines > 0 ? `${((100 * s.anomalies) / s.lines).toFixed(s.anomalies * 1000 < s.lines ? 2 : 1)}% of lines` : undefined],
      ['Model', s.model, s.baselineLines !== null ? `baseline: ${formatInteger(s.baselineLines)} lines` : undefined],
      ['Threshold', formatScore(state.threshold), moved ? `analysis chose ${formatScore(state.reportThreshold)}` : 'chosen by the analysis'],
      ['Time taken', formatElapsed(s.elapsedMs)],
    ];
    this.summary.replaceChildren(
      ...items.map(([label, value, detail]) =>
        h('div', { className: `stat stat-${label.toLowerCase().replace(/\s+/g, '-')}` }, [
          h('dt', { text: label }),
          h('dd', {}, [h('span', { className: 'value', text: value }), ...(detail !== undefined ? [h('span', { className: 'detail', text: detail })] : [])]),
        ]),
      ),
    );
  }

  private drawTimeline(): void {
    if (this.state === null) return;
    const view = timelineView(this.state.timeline, this.view.bucket);
    this.timelineCanvas.setAttribute('aria-label', `Timeline chart. ${describeTimeline(view)}`);
    this.charts?.showTimeline(view);
  }

  private drawHistogram(): void {
    if (this.state === null) return;
    const view = histogramView(this.state.histogram, this.threshold);
    const description = describeHistogram(view);
    this.histogramCanvas.setAttribute('aria-label', `Score histogram. ${description}`);
    this.root.querySelector('#histogram-description')!.textContent = description;
    this.charts?.showHistogram(view);
  }

  private updateThresholdControls(): void {
    const state = this.state;
    const text = formatScore(this.threshold);
    this.slider.value = String(this.threshold);
    this.slider.setAttribute('aria-valuetext', text);
    this.thresholdValue.textContent = text;
    this.slider.disabled = state === null || !this.live;
    this.resetThreshold.toggleAttribute('disabled', state === null || !this.live || Math.abs(this.threshold - state.reportThreshold) < 1e-9);
    if (state === null) return;
    this.thresholdNote.textContent = !this.live
      ? 'The threshold moves once the log has a live result.'
      : `The analysis chose ${formatScore(state.reportThreshold)}. Moving it updates this list, the editor's marks and the Problems panel.`;
  }

  private refreshList(keepScroll: boolean): void {
    const state = this.state;
    const rows = state?.rows ?? NO_ROWS;
    const order = rowOrder(rows, { ...this.view, minScore: this.threshold });
    this.shownOrder = order;
    this.list.setData(rows, order, this.view.sortKey, this.view.sortDescending, state?.timeline.hasYear ?? true, keepScroll);
    const total = rows.total;
    const filtered = this.view.text.trim() !== '' || this.view.level !== '' || this.view.bucket !== null || (state !== null && this.threshold > state.threshold);
    this.listBadge.textContent = formatInteger(total);
    const parts: string[] = [];
    if (filtered) parts.push(`${formatInteger(order.length)} shown`);
    if (rows.line.length < total) parts.push(`the top ${formatInteger(rows.line.length)} of ${formatInteger(total)} flagged lines are listed`);
    else parts.push(`${formatInteger(total)} flagged line${total === 1 ? '' : 's'}`);
    this.listCount.textContent = parts.join(' · ');
    this.bucketChip.hidden = this.view.bucket === null || state === null;
    if (this.view.bucket !== null && state !== null) this.bucketChipText.textContent = `Only ${bucketRange(state.timeline, this.view.bucket)}`;
    this.listEmpty.hidden = order.length > 0;
    this.list.element.hidden = order.length === 0;
    this.listEmpty.textContent = total === 0 ? 'No line scores at or above the threshold.' : 'No flagged line matches these filters.';
  }

  private bucketDescription(bucket: number): string {
    const timeline = this.state!.timeline;
    return `${bucketRange(timeline, bucket)}: ${formatInteger(timeline.lines[bucket])} lines, ${formatInteger(timeline.anomalies[bucket])} anomalous, ${formatInteger(timeline.errors[bucket])} errors${timeline.bursts.includes(bucket) ? ' (error burst)' : ''}.`;
  }

  private setStatus(text: string, kind: 'live' | 'pending' | 'stale' | 'none'): void {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
    this.status.hidden = text === '';
  }

  // --- user actions --------------------------------------------------------------------------

  private updateView(change: Partial<DashboardView>): void {
    this.view = { ...this.view, ...change };
    const listChanged = 'text' in change || 'level' in change || 'bucket' in change || 'sortKey' in change || 'sortDescending' in change;
    if (listChanged) this.refreshList(false);
    this.save(false);
  }

  private sortBy(key: DashboardSortKey): void {
    const sortDescending = key === this.view.sortKey ? !this.view.sortDescending : naturalDescending(key);
    this.updateView({ sortKey: key, sortDescending });
  }

  private reveal(line: number): void {
    if (this.state !== null) this.host.post({ type: 'reveal', uri: this.state.uri, line });
  }

  private onTimelineKey(event: KeyboardEvent): void {
    if (this.state === null) return;
    const count = this.state.timeline.lines.length;
    const current = this.view.bucket;
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
    this.selectBucket(next);
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
    this.moveThreshold(value);
  }

  /** Saves state and view; `now` for new states, otherwise after a pause (typing in the filter). */
  private save(now: boolean): void {
    clearTimeout(this.saveTimer);
    const write = (): void => {
      this.saveTimer = undefined;
      this.host.saveState({ state: this.state === null ? null : savedForm(this.state, this.shownOrder), view: this.view });
    };
    if (now) write();
    else this.saveTimer = setTimeout(write, this.saveDelayMs);
  }
}

/**
 * The state as saved for a window reload: at most SAVED_ROWS rows, since the workbench persists
 * webview state as JSON; a live result brings every row back. `shown` is the list's order (row
 * indices as the user's sort and filters show them): those rows come first, so the same view over
 * the saved rows shows the same list, and the best ranked fill the rest. Kept rows stay in rank order.
 */
export function savedForm(state: DashboardState, shown: ArrayLike<number>): DashboardState {
  const rows = state.rows;
  const count = rows.line.length;
  if (count <= SAVED_ROWS) return state;
  const keep = new Uint8Array(count);
  let kept = 0;
  for (let k = 0; k < shown.length && kept < SAVED_ROWS; k++) {
    keep[shown[k]] = 1;
    kept++;
  }
  for (let i = 0; i < count && kept < SAVED_ROWS; i++) {
    if (keep[i] === 1) continue;
    keep[i] = 1;
    kept++;
  }
  const indices: number[] = [];
  for (let i = 0; i < count; i++) if (keep[i] === 1) indices.push(i);
  return { ...state, rows: pickRows(rows, indices) };
}

/** The timeline's key, as HTML so it follows the theme (swatches take the same CSS variables as the chart). */
function legend(): HTMLElement {
  const entry = (kind: string, text: string): HTMLElement => h('span', { className: 'legend-entry' }, [h('span', { className: `swatch swatch-${kind}`, attrs: { 'aria-hidden': 'true' } }), text]);
  return h('div', { className: 'legend', attrs: { 'aria-hidden': 'true' } }, [entry('volume', 'Lines'), entry('anomaly', 'Anomalies'), entry('burst', 'Error burst'), entry('selection', 'Selected')]);
}
