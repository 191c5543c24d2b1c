import * as assert from 'node:assert/strict';
import type { DashboardSavedState, DashboardState, WebviewToHost } from '../../../src/protocol';
import type { HistogramView, TimelineView } from '../../../src/webview/charts/chartData';
import { nextFrame, setSize, useDom } from './dom';
import { makeState, URI } from './fixtures';

type AppModule = typeof import('../../../src/webview/app');

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;
/** The grid's viewport shows 20 rows below its header. */
const VIEWPORT = HEADER_HEIGHT + 20 * ROW_HEIGHT;

const PAYLOADS = [`<img src=x onerror="document.title='pwned'">`, `<script>window.__pwned=1</script>`, `"><svg onload=alert(1)>`];

describe('dashboard webview', () => {
  useDom();
  let app: AppModule;

  before(async () => {
    app = await import('../../../src/webview/app');
    const toolkit = await import('../../../src/webview/toolkit');
    toolkit.registerToolkit();
  });

  interface Mounted {
    readonly dashboard: InstanceType<AppModule['DashboardApp']>;
    readonly root: HTMLElement;
    readonly posted: WebviewToHost[];
    readonly saved: DashboardSavedState[];
    readonly charts: { timeline: TimelineView[]; histogram: HistogramView[]; selectBucket?: (index: number | null) => void; moveThreshold?: (score: number) => void };
    /** Rendered rows of the ranked grid, in position order. */
    rows(): HTMLElement[];
    readonly grid: HTMLElement;
  }

  function mount(options: { saved?: DashboardSavedState; state?: DashboardState } = {}): Mounted {
    const root = document.createElement('div');
    document.body.append(root);
    const posted: WebviewToHost[] = [];
    const saved: DashboardSavedState[] = [];
    const charts: Mounted['charts'] = { timeline: [], histogram: [] };
    const dashboard = new app.DashboardApp(root, {
      host: { post: (message) => posted.push(structuredClone(message)), saveState: (state) => saved.push(JSON.parse(JSON.stringify(state))) },
      saved: options.saved,
      thresholdDelayMs: 5,
      saveDelayMs: 0,
      // The canvas layer (Chart.js) needs a 2D context jsdom lacks; this records what it would draw.
      charts: (_canvases, callbacks) => {
        charts.selectBucket = callbacks.selectBucket;
        charts.moveThreshold = callbacks.moveThreshold;
        return { showTimeline: (view) => charts.timeline.push(view), showHistogram: (view) => charts.histogram.push(view), retheme() {}, dispose() {} };
      },
    });
    const grid = root.querySelector<HTMLElement>('#ranked-grid')!;
    // As layout would have it: a hidden grid has no height.
    Object.defineProperty(grid, 'clientHeight', { get: () => (grid.hidden ? 0 : VIEWPORT), configurable: true });
    setSize(grid.querySelector<HTMLElement>('.grid-header')!, { offsetHeight: HEADER_HEIGHT });
    Object.defineProperty(grid, 'scrollTop', { value: 0, writable: true, configurable: true });
    dashboard.start();
    if (options.state) dashboard.receive({ type: 'state', state: options.state });
    return {
      dashboard,
      root,
      posted,
      saved,
      charts,
      grid,
      rows: () => [...grid.querySelectorAll<HTMLElement>('.grid-rows [role="row"]')].sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position)),
    };
  }

  const cellText = (row: HTMLElement, column: string): string => row.querySelector(`.col-${column}`)!.textContent ?? '';
  const key = (target: Element, name: string): void => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
  };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('says it is ready before anything else, and waits for results', () => {
    const { posted, root } = mount();
    assert.deepEqual(posted, [{ type: 'ready', uri: null }]);
    assert.equal(root.querySelector<HTMLElement>('#content')!.hidden, true);
    assert.match(root.querySelector('#empty')!.textContent!, /Waiting for analysis results/);
  });

  it('shows the summary: file, lines, templates, sessions, anomalies, model, threshold, time taken', () => {
    const { root } = mount({ state: makeState({ rows: 37 }) });
    assert.equal(root.querySelector('#file-name')!.textContent, 'hdfs.log');
    assert.equal(root.querySelector('#file-location')!.textContent, '/logs/hdfs.log');
    const stats = Object.fromEntries(
      [...root.querySelectorAll('#summary .stat')].map((stat) => [stat.querySelector('dt')!.textContent, stat.querySelector('.value')!.textContent]),
    );
    assert.deepEqual(stats, {
      Lines: '20,000',
      Templates: '43',
      Sessions: '300',
      Anomalies: '37',
      Model: 'Isolation Forest',
      Threshold: '0.500',
      'Time taken': '1.2 s',
    });
    assert.equal(root.querySelector('#threshold-value')!.textContent, '0.500');
    assert.equal(root.querySelector('#ranked-count-badge')!.textContent, '37');
  });

  it('renders only the rows in view of a 20,000-row list, and the rows under a new scroll position', async () => {
    const { rows, grid } = mount({ state: makeState({ rows: 20_000 }) });
    assert.equal(grid.getAttribute('aria-rowcount'), '20001');
    assert.equal(grid.querySelector<HTMLElement>('.grid-rows')!.style.height, `${20_000 * ROW_HEIGHT}px`);
    let shown = rows();
    assert.equal(shown.length, 30); // 20 in view + 10 below
    assert.equal(cellText(shown[0], 'rank'), '1');
    assert.equal(cellText(shown[0], 'line'), '2');

    grid.scrollTop = 12_345 * ROW_HEIGHT;
    grid.dispatchEvent(new Event('scroll'));
    await nextFrame();
    shown = rows();
    assert.equal(shown.length, 40);
    assert.equal(shown[0].dataset.position, '12335');
    assert.equal(shown[0].getAttribute('aria-rowindex'), '12337');
    assert.equal(shown[0].style.transform, `translateY(${12_335 * ROW_HEIGHT}px)`);
    assert.equal(cellText(shown[10], 'rank'), '12,346');
  });

  it('shows log text as text: markup in messages, templates, reasons, sessions and file names creates no element', () => {
    const state = makeState({ rows: 30, message: (i) => PAYLOADS[i % PAYLOADS.length], fileName: PAYLOADS[0] });
    const hostile: DashboardState = {
      ...state,
      rows: { ...state.rows, reason: state.rows.reason.map((_, i) => PAYLOADS[(i + 1) % PAYLOADS.length]), templates: PAYLOADS.slice(0, 2) },
      sessions: { ...state.sessions!, top: state.sessions!.top.map((session, i) => ({ ...session, id: PAYLOADS[i % PAYLOADS.length], reasons: [PAYLOADS[1]] })) },
    };
    const { root, rows } = mount({ state: hostile });
    assert.equal(root.querySelectorAll('img, script, svg').length, 0);
    const first = rows()[0];
    assert.equal(cellText(first, 'message'), PAYLOADS[0]);
    assert.equal(cellText(first, 'template'), PAYLOADS[0]);
    assert.equal(cellText(first, 'reason'), PAYLOADS[1]);
    assert.equal(root.querySelector('#file-name')!.textContent, PAYLOADS[0]);
    assert.equal(root.querySelector('.session-id')!.textContent, PAYLOADS[0]);
    assert.equal(document.title, '');
    assert.equal('__pwned' in globalThis, false);
  });

  it('reveals the line of a clicked row', () => {
    const { rows, posted } = mount({ state: makeState() });
    rows()[4].click();
    assert.deepEqual(posted.at(-1), { type: 'reveal', uri: URI, line: 13 });
    assert.equal(rows()[4].getAttribute('aria-selected'), 'true');
  });

  it('makes the rank and line columns as wide as their widest number', () => {
    const { grid } = mount({ state: makeState({ rows: 20_000 }) });
    // Ranks up to 20,000 and lines up to 59,998: six characters each with the comma.
    assert.equal(grid.style.getPropertyValue('--rank-chars'), '6');
    assert.equal(grid.style.getPropertyValue('--line-chars'), '6');
  });

  it('makes room in the line column for line 10,234,567 of a big log', () => {
    const few = makeState({ rows: 3 });
    const { grid } = mount({ state: { ...few, rows: { ...few.rows, line: [10_234_566, 4, 99] } } });
    assert.equal(grid.style.getPropertyValue('--line-chars'), '10');
  });

  it('moves through the rows with the keyboard and reveals the active one on Enter', () => {
    const { grid, posted, rows } = mount({ state: makeState() });
    grid.focus();
    key(grid, 'ArrowDown');
    key(grid, 'ArrowDown');
    assert.equal(grid.getAttribute('aria-activedescendant'), 'row-2');
    key(grid, 'Enter');
    assert.deepEqual(posted.at(-1), { type: 'reveal', uri: URI, line: 7 });
    key(grid, 'End');
    assert.equal(grid.getAttribute('aria-activedescendant'), 'row-99');
    // The active row was scrolled into view, so it is rendered.
    assert.ok(rows().some((row) => row.id === 'row-99'));
    key(grid, 'Home');
    key(grid, 'ArrowUp');
    assert.equal(grid.getAttribute('aria-activedescendant'), 'col-rank');
    key(grid, 'ArrowRight');
    key(grid, 'ArrowRight');
    key(grid, 'Enter');
    assert.equal(grid.querySelector('#col-line')!.getAttribute('aria-sort'), 'ascending');
  });

  it('sorts by a clicked column header, and reverses on a second click', async () => {
    const { root, rows, saved } = mount({ state: makeState() });
    const header = root.querySelector<HTMLElement>('#col-line')!;
    header.click();
    assert.equal(header.getAttribute('aria-sort'), 'ascending');
    assert.equal(root.querySelector('#col-rank')!.getAttribute('aria-sort'), 'none');
    assert.equal(cellText(rows()[0], 'line'), '2');
    header.click();
    assert.equal(header.getAttribute('aria-sort'), 'descending');
    assert.equal(cellText(rows()[0], 'line'), '299');
    root.querySelector<HTMLElement>('#col-score')!.click();
    assert.equal(root.querySelector('#col-score')!.getAttribute('aria-sort'), 'descending');
    await wait(5);
    assert.deepEqual({ key: saved.at(-1)!.view.sortKey, descending: saved.at(-1)!.view.sortDescending }, { key: 'score', descending: true });
  });

  it('filters by text and by level', () => {
    const { root, rows } = mount({ state: makeState() });
    const filter = root.querySelector<HTMLElement & { value: string }>('#ranked-filter')!;
    filter.value = 'message 4';
    filter.dispatchEvent(new Event('input'));
    assert.deepEqual(rows().map((row) => cellText(row, 'message')), ['message 4', ...Array.from({ length: 10 }, (_, i) => `message ${40 + i}`)]);
    assert.match(root.querySelector('#ranked-count')!.textContent!, /^11 shown · 100 flagged lines$/);

    filter.value = '';
    filter.dispatchEvent(new Event('input'));
    const level = root.querySelector<HTMLElement & { value: string }>('#ranked-level')!;
    assert.deepEqual([...level.querySelectorAll('vscode-option')].map((option) => option.textContent), ['All levels', 'ERROR', 'WARN', 'INFO']);
    level.value = 'WARN';
    level.dispatchEvent(new Event('change'));
    assert.equal(rows().length, 30);
    assert.ok(rows().every((row) => cellText(row, 'level') === 'WARN'));

    filter.value = 'no such text';
    filter.dispatchEvent(new Event('input'));
    assert.equal(root.querySelector<HTMLElement>('#ranked-grid')!.hidden, true);
    assert.equal(root.querySelector('#ranked-empty')!.textContent, 'No flagged line matches these filters.');
    // Back from an empty list: the grid is shown before it measures its viewport, so it fills it.
    filter.value = '';
    filter.dispatchEvent(new Event('input'));
    assert.equal(rows().length, 30);
  });

  it('filters the list to a timeline bucket clicked on the chart, and back', () => {
    const { root, rows, charts } = mount({ state: makeState() });
    charts.selectBucket!(3);
    assert.equal(charts.timeline.at(-1)!.selected, 3);
    assert.deepEqual(rows().map((row) => cellText(row, 'rank')), ['4', '14', '24', '34', '44', '54', '64', '74', '84', '94']);
    assert.equal(root.querySelector<HTMLElement>('#ranked-bucket')!.hidden, false);
    assert.equal(root.querySelector('#ranked-bucket .chip-text')!.textContent, 'Only 11-09 20:38:00 – 20:39:00');
    root.querySelector<HTMLElement>('#ranked-bucket-clear')!.click();
    assert.equal(rows().length, 30);
    assert.equal(charts.timeline.at(-1)!.selected, null);
    assert.equal(root.querySelector<HTMLElement>('#ranked-bucket')!.hidden, true);
  });

  it('picks timeline buckets with the arrow keys and announces them', () => {
    const { root, rows } = mount({ state: makeState() });
    const timeline = root.querySelector<HTMLElement>('#timeline-box')!;
    key(timeline, 'ArrowRight');
    key(timeline, 'ArrowRight');
    assert.equal(cellText(rows()[0], 'rank'), '2');
    assert.equal(root.querySelector('#timeline-description')!.textContent, '11-09 20:36:00 – 20:37:00: 2,000 lines, 10 anomalous, 0 errors.');
    key(timeline, 'Escape');
    assert.equal(rows().length, 30);
  });

  it('moves the threshold from the slider: the list and histogram follow at once, the host hears once the user pauses', async () => {
    const { root, posted, rows, charts } = mount({ state: makeState() });
    const slider = root.querySelector<HTMLInputElement>('#threshold')!;
    assert.equal(slider.disabled, false);
    for (const value of ['0.8', '0.9', '0.95']) {
      slider.value = value;
      slider.dispatchEvent(new Event('input'));
    }
    assert.equal(root.querySelector('#threshold-value')!.textContent, '0.950');
    assert.equal(charts.histogram.at(-1)!.threshold, 0.95);
    assert.ok(rows().every((row) => Number(cellText(row, 'score')) >= 0.95));
    assert.equal(posted.filter((message) => message.type === 'setThreshold').length, 0);
    await wait(20);
    assert.deepEqual(
      posted.filter((message) => message.type === 'setThreshold'),
      [{ type: 'setThreshold', uri: URI, threshold: 0.95 }],
    );
    // Keyboard: arrows step by 0.005, Page keys by 0.05.
    key(slider, 'ArrowLeft');
    key(slider, 'PageDown');
    assert.equal(root.querySelector('#threshold-value')!.textContent, '0.895');
    // The chart's drag reports scores the same way.
    charts.moveThreshold!(0.7);
    await wait(20);
    assert.deepEqual(posted.at(-1), { type: 'setThreshold', uri: URI, threshold: 0.7 });
  });

  it('keeps the threshold the user set while the host catches up', async () => {
    const { root, dashboard } = mount({ state: makeState() });
    const slider = root.querySelector<HTMLInputElement>('#threshold')!;
    slider.value = '0.8';
    slider.dispatchEvent(new Event('input'));
    // A state built before the move arrives: the slider stays where the user put it.
    dashboard.receive({ type: 'state', state: makeState({ threshold: 0.5 }) });
    assert.equal(root.querySelector('#threshold-value')!.textContent, '0.800');
    await wait(20);
    dashboard.receive({ type: 'state', state: makeState({ threshold: 0.8, rows: 12 }) });
    assert.equal(root.querySelector('#threshold-value')!.textContent, '0.800');
    assert.equal(root.querySelector('#ranked-count-badge')!.textContent, '12');
    assert.equal(root.querySelector<HTMLElement>('.busy')!.hidden, true);
  });

  it('restores a saved state without the host, then goes live when the host answers', () => {
    const state = makeState({ rows: 50 });
    const view = { sortKey: 'line' as const, sortDescending: true, text: 'message 1', level: '', bucket: null, session: null };
    const { root, posted, rows, dashboard } = mount({ saved: { state, view } });
    assert.deepEqual(posted, [{ type: 'ready', uri: URI }]);
    assert.equal(root.querySelector('#file-name')!.textContent, 'hdfs.log');
    assert.equal(cellText(rows()[0], 'message'), 'message 19');
    assert.equal((root.querySelector('#ranked-filter') as HTMLElement & { value: string }).value, 'message 1');
    assert.match(root.querySelector('#status')!.textContent!, /Saved results/);
    assert.equal(root.querySelector<HTMLInputElement>('#threshold')!.disabled, true);

    dashboard.receive({ type: 'noResult', uri: URI, fileName: 'hdfs.log' });
    assert.match(root.querySelector('#status')!.textContent!, /run Log Anomaly: Detect Anomalies/);
    assert.equal(cellText(rows()[0], 'message'), 'message 19');

    dashboard.receive({ type: 'state', state });
    assert.equal(root.querySelector<HTMLElement>('#status')!.hidden, true);
    assert.equal(root.querySelector<HTMLInputElement>('#threshold')!.disabled, false);
  });

  it('saves state and view so a reload restores them', async () => {
    const { root, saved } = mount({ state: makeState() });
    root.querySelector<HTMLElement>('#col-time')!.click();
    await wait(5);
    const last = saved.at(-1)!;
    assert.equal(last.state!.uri, URI);
    assert.equal(last.state!.rows.line.length, 100);
    assert.deepEqual(last.view, { sortKey: 'time', sortDescending: false, text: '', level: '', bucket: null, session: null });
    // What was saved brings the same page back.
    root.remove();
    const restored = mount({ saved: last });
    assert.equal(restored.root.querySelector('#col-time')!.getAttribute('aria-sort'), 'ascending');
  });

  it('saves only the top rows of a long list, so the workbench persists a small state', () => {
    const { saved } = mount({ state: makeState({ rows: 5000 }) });
    const rows = saved.at(-1)!.state!.rows;
    assert.equal(rows.total, 5000);
    assert.equal(rows.line.length, app.SAVED_ROWS);
    assert.equal(rows.message.length, app.SAVED_ROWS);
    assert.equal(rows.message[999], 'message 999');
    assert.ok(JSON.stringify(saved.at(-1)).length < 400_000);
  });

  it('restores the rows a sorted or filtered long list showed, not only the best ranked ones', async () => {
    const before = mount({ state: makeState({ rows: 5000 }) });
    const texts = (mounted: Mounted): string[] => mounted.rows().map((row) => [...row.children].map((cell) => cell.textContent).join(' | '));
    const reload = async (): Promise<Mounted> => {
      await wait(5);
      const saved = before.saved.at(-1)!;
      before.root.remove();
      const restored = mount({ saved });
      restored.root.remove();
      document.body.append(before.root);
      return restored;
    };
    // Sorted by line, last first: rows ranked far below the top 1,000.
    before.root.querySelector<HTMLElement>('#col-line')!.click();
    before.root.querySelector<HTMLElement>('#col-line')!.click();
    assert.equal(cellText(before.rows()[0], 'line'), '14,999');
    let restored = await reload();
    assert.equal(restored.root.querySelector('#col-line')!.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(texts(restored), texts(before));

    // Filtered to a row ranked 4,322nd.
    const filter = before.root.querySelector<HTMLElement & { value: string }>('#ranked-filter')!;
    filter.value = 'message 4321';
    filter.dispatchEvent(new Event('input'));
    assert.equal(before.rows().length, 1);
    restored = await reload();
    assert.deepEqual(texts(restored), texts(before));
    // The rest of the saved rows are the best ranked, still in rank order.
    const rows = before.saved.at(-1)!.state!.rows;
    assert.equal(rows.line.length, app.SAVED_ROWS);
    assert.deepEqual(rows.rank.slice(0, 3), [1, 2, 3]);
    assert.ok(rows.rank.every((rank, i) => i === 0 || rank > rows.rank[i - 1]));
  });

  it('lists the most anomalous sessions with their reasons; opening one asks for its lines, a line reveals it', () => {
    const { root, posted, dashboard } = mount({ state: makeState() });
    const heads = [...root.querySelectorAll<HTMLElement>('.session-head')];
    assert.equal(heads.length, 3);
    assert.match(root.querySelector('#sessions .caption')!.textContent!, /^2 of 300 sessions by hdfs-block are anomalous/);
    assert.equal(heads[0].querySelector('.session-id')!.textContent, 'blk_-1608999687919862906');
    assert.equal(heads[0].querySelector('.session-meta')!.textContent, 'rank 1 · 4 lines · 3.0 s');
    assert.match(root.querySelector('.session-reasons li')!.textContent!, /^Missing events that 98% of sessions have/);

    heads[1].click();
    assert.equal(heads[1].getAttribute('aria-expanded'), 'true');
    assert.deepEqual(posted.at(-1), { type: 'sessionLines', uri: URI, session: 42 });
    dashboard.receive({
      type: 'sessionLines',
      uri: URI,
      session: 42,
      total: 6,
      lines: [
        { line: 100, score: 0.2, flagged: false, time: null, level: 'INFO', message: 'Receiving block blk_7503483334202473044' },
        { line: 104, score: 0.9, flagged: true, time: null, level: 'ERROR', message: PAYLOADS[1] },
      ],
    });
    const lines = [...root.querySelectorAll<HTMLElement>('#session-lines-42 .session-line')];
    assert.equal(lines.length, 2);
    assert.equal(lines[1].querySelector('.line-message')!.textContent, PAYLOADS[1]);
    assert.equal(root.querySelectorAll('script').length, 0);
    lines[1].click();
    assert.deepEqual(posted.at(-1), { type: 'reveal', uri: URI, line: 104 });

    heads[1].click();
    assert.equal(heads[1].getAttribute('aria-expanded'), 'false');
    assert.equal(root.querySelector<HTMLElement>('#session-lines-42')!.hidden, true);
  });

  it('hides the sessions section for a log without sessions', () => {
    const { root } = mount({ state: makeState({ sessions: null }) });
    assert.equal(root.querySelector<HTMLElement>('#sessions')!.hidden, true);
  });

  it('switches to another log: new file, filters of the old one dropped', () => {
    const { root, dashboard, charts } = mount({ state: makeState() });
    charts.selectBucket!(2);
    dashboard.receive({ type: 'state', state: makeState({ uri: 'file:///logs/other.log', fileName: 'other.log', rows: 5 }) });
    assert.equal(root.querySelector('#file-name')!.textContent, 'other.log');
    assert.equal(root.querySelector<HTMLElement>('#ranked-bucket')!.hidden, true);
    assert.equal(root.querySelectorAll('.grid-rows [role="row"]').length, 5);
  });

  it('says so when the log has no analysis yet', () => {
    const { root, dashboard } = mount();
    dashboard.receive({ type: 'noResult', uri: 'file:///logs/new.log', fileName: 'new.log' });
    assert.equal(root.querySelector('#file-name')!.textContent, 'new.log');
    assert.match(root.querySelector('#empty')!.textContent!, /new\.log has not been analysed yet/);
  });
});
