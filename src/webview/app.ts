/**
 * The dashboard: builds the page, shows the state the host sends, keeps the user's sort, filters
 * and selection (saved with the state so a reloaded window shows the same thing), and turns what
 * the user does into messages for the host. Each card (cards/) builds and fills its own part of
 * the page; charts go through the DashboardCharts layer, messages and storage through
 * DashboardHost, so all of it runs in a test.
 */
import type { DashboardSavedState, DashboardSortKey, DashboardState, DashboardView, HostToWebview, WebviewToHost } from '../protocol';
import { HistogramCard } from './cards/histogramCard';
import { RankedCard } from './cards/rankedCard';
import { SessionsCard } from './cards/sessionsCard';
import { SummaryCard } from './cards/summaryCard';
import { TimelineCard } from './cards/timelineCard';
import type { ChartsFactory, DashboardCharts } from './charts/chartData';
import { h } from './dom';
import { bucketRange } from './format';
import { levelsOf, naturalDescending, NO_ROWS, pickRows, rowOrder } from './rows';
import { createProgressRing } from './toolkit';

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

const DEFAULT_VIEW: DashboardView = { sortKey: 'rank', sortDescending: false, text: '', level: '', bucket: null, session: null };

/** Rows kept in the saved state (see savedForm). */
export const SAVED_ROWS = 1000;

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

  private readonly title: HTMLElement;
  private readonly location: HTMLElement;
  private readonly status: HTMLElement;
  private readonly main: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly summary: SummaryCard;
  private readonly timeline: TimelineCard;
  private readonly histogram: HistogramCard;
  private readonly ranked: RankedCard;
  private readonly sessions: SessionsCard;

  constructor(root: HTMLElement, options: DashboardOptions) {
    this.host = options.host;
    this.thresholdDelayMs = options.thresholdDelayMs ?? 150;
    this.saveDelayMs = options.saveDelayMs ?? 400;
    this.state = options.saved?.state ?? null;
    this.view = { ...DEFAULT_VIEW, ...options.saved?.view };

    this.title = h('h1', { className: 'file-name', id: 'file-name', text: 'Log Anomaly Dashboard' });
    this.location = h('p', { className: 'location', id: 'file-location' });
    this.status = h('p', { className: 'status', id: 'status', attrs: { role: 'status' } });
    const header = h('header', { className: 'page-head' }, [h('div', { className: 'titles' }, [this.title, this.location]), this.status]);
    // Filled by start(): the saved state, or a wait for the host.
    this.empty = h('div', { className: 'empty', id: 'empty' });

    this.summary = new SummaryCard();
    this.timeline = new TimelineCard({ onSelect: (bucket) => this.selectBucket(bucket), charts: () => this.charts });
    this.histogram = new HistogramCard({ onMove: (score) => this.moveThreshold(score), charts: () => this.charts });
    this.ranked = new RankedCard({
      text: this.view.text,
      onText: (text) => this.updateView({ text }),
      onLevel: (level) => this.updateView({ level }),
      onClearBucket: () => this.selectBucket(null),
      onReveal: (line) => this.reveal(line),
      onSort: (key) => this.sortBy(key),
    });
    this.sessions = new SessionsCard({
      onOpen: (session) => {
        this.updateView({ session });
        if (this.state !== null) this.host.post({ type: 'sessionLines', uri: this.state.uri, session });
      },
      onClose: () => this.updateView({ session: null }),
      onReveal: (line) => this.reveal(line),
    });

    this.main = h('main', { className: 'content', id: 'content' }, [
      this.summary.element,
      h('div', { className: 'charts' }, [this.timeline.element, this.histogram.element]),
      this.ranked.element,
      this.sessions.element,
    ]);
    root.replaceChildren(header, this.empty, this.main);

    if (options.charts !== undefined) {
      this.charts = options.charts(
        { timeline: this.timeline.canvas, histogram: this.histogram.canvas },
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
    this.timeline.select(next);
  }

  /** Moves the threshold here at once and tells the host once the user pauses. */
  moveThreshold(value: number): void {
    if (this.state === null || !this.live || !Number.isFinite(value)) return;
    this.threshold = Math.min(1, Math.max(0, value));
    this.updateThresholdControls();
    this.histogram.draw(this.state.histogram, this.threshold);
    this.refreshList(true);
    clearTimeout(this.thresholdTimer);
    const uri = this.state.uri;
    this.thresholdTimer = setTimeout(() => {
      this.thresholdTimer = undefined;
      this.awaitedThreshold = this.threshold;
      this.ranked.setBusy(true);
      this.host.post({ type: 'setThreshold', uri, threshold: this.threshold });
    }, this.thresholdDelayMs);
  }

  /** Re-reads the theme's colours into the charts. */
  retheme(): void {
    this.charts?.retheme();
  }

  /** Re-renders the rows in view (the window resized). */
  relayout(): void {
    this.ranked.relayout();
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
    this.ranked.setBusy(moving);
    if (this.view.bucket !== null && this.view.bucket >= state.timeline.lines.length) this.view = { ...this.view, bucket: null };

    this.title.textContent = state.summary.fileName;
    this.location.textContent = state.summary.location;
    this.location.title = state.summary.location;
    this.summary.show(state);
    this.timeline.show(state.timeline, this.view.bucket);
    this.histogram.draw(state.histogram, this.threshold);
    this.updateThresholdControls();

    const level = this.ranked.setLevels(levelsOf(state.rows), this.view.level);
    if (level !== this.view.level) this.view = { ...this.view, level };
    this.refreshList(sameLog);

    this.sessions.setData(state.sessions, state.timeline.hasYear, this.view.session);
    if (this.sessions.openSession !== this.view.session) this.view = { ...this.view, session: this.sessions.openSession };
    if (this.view.session !== null && this.live) this.host.post({ type: 'sessionLines', uri: state.uri, session: this.view.session });
  }

  private updateThresholdControls(): void {
    this.histogram.showControls(this.threshold, this.state?.reportThreshold ?? null, this.live);
  }

  private refreshList(keepScroll: boolean): void {
    const state = this.state;
    const rows = state?.rows ?? NO_ROWS;
    const view = this.view;
    this.shownOrder = rowOrder(rows, { ...view, minScore: this.threshold });
    this.ranked.show({
      rows,
      order: this.shownOrder,
      sortKey: view.sortKey,
      sortDescending: view.sortDescending,
      hasYear: state?.timeline.hasYear ?? true,
      filtered: view.text.trim() !== '' || view.level !== '' || view.bucket !== null || (state !== null && this.threshold > state.threshold),
      bucketRange: view.bucket !== null && state !== null ? bucketRange(state.timeline, view.bucket) : null,
      keepScroll,
    });
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
function savedForm(state: DashboardState, shown: ArrayLike<number>): DashboardState {
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
