/**
 * The ranked list's grid: an ARIA grid that renders only the rows in view (plus a few either side), so
 * tens of thousands of rows scroll as fast as forty. One tab stop: arrow keys move the active row
 * (or, above the first row, the active column header), Enter reveals the line or sorts.
 */
import type { DashboardRows, DashboardSortKey } from '../../protocol';
import { h, levelClass } from '../dom';
import { formatTimestamp } from '../format';
import { templateText } from '../rows';
import { formatScore, groupDigits } from '../../analysis/util/text';

interface Column {
  readonly key: DashboardSortKey;
  readonly label: string;
  /** Cell text of row i. */
  text(rows: DashboardRows, i: number, hasYear: boolean): string;
}

const COLUMNS: readonly Column[] = [
  { key: 'rank', label: 'Rank', text: (rows, i) => groupDigits(rows.rank[i]) },
  { key: 'score', label: 'Score', text: (rows, i) => formatScore(rows.score[i], 'table') },
  { key: 'line', label: 'Line', text: (rows, i) => groupDigits(rows.line[i] + 1) },
  { key: 'time', label: 'Time', text: (rows, i, hasYear) => formatTimestamp(rows.time[i], hasYear) },
  { key: 'level', label: 'Level', text: (rows, i) => rows.level[i] },
  { key: 'template', label: 'Template', text: templateText },
  { key: 'message', label: 'Message', text: (rows, i) => rows.message[i] },
  { key: 'reason', label: 'Why', text: (rows, i) => rows.reason[i] },
];

/** Characters of the longest rank and line number the rows show. */
export function widestNumbers(rows: DashboardRows): { rank: number; line: number } {
  let rank = 0;
  let line = 0;
  for (let i = 0; i < rows.line.length; i++) {
    rank = Math.max(rank, rows.rank[i]);
    line = Math.max(line, rows.line[i] + 1);
  }
  return { rank: groupDigits(rank).length, line: groupDigits(line).length };
}

/** Rows beyond the viewport rendered on each side, so fast scrolling shows no blank strip. */
const OVERSCAN = 10;

/** The rows [first, last) to render for a viewport over rows of fixed height. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = OVERSCAN): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

export interface RankedGridOptions {
  readonly rowHeight: number;
  /** A row was clicked or Enter was pressed on it: the 0-based line. */
  onReveal(line: number): void;
  /** A column header was activated. */
  onSort(key: DashboardSortKey): void;
}

export class RankedGrid {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly headerCells: HTMLElement[];
  private readonly body: HTMLElement;
  private rows: DashboardRows | undefined;
  private order: Int32Array = new Int32Array(0);
  private hasYear = true;
  /** Position in `order` of the active row; -1 when a column header is active. */
  private active = 0;
  private activeColumn = 0;
  private frame = 0;
  /** Row elements by position in `order`, for the rows currently rendered. */
  private readonly rowElements = new Map<number, HTMLElement>();
  private readonly pool: HTMLElement[] = [];

  constructor(private readonly options: RankedGridOptions) {
    this.headerCells = COLUMNS.map((column, index) =>
      h('div', { className: `cell col-${column.key}`, id: `col-${column.key}`, attrs: { role: 'columnheader', 'aria-colindex': String(index + 1) } }, [
        h('span', { className: 'header-label', text: column.label }),
        h('span', { className: 'sort-indicator', attrs: { 'aria-hidden': 'true' } }),
      ]),
    );
    this.header = h('div', { className: 'grid-header row', attrs: { role: 'row', 'aria-rowindex': '1' } }, this.headerCells);
    this.body = h('div', { className: 'grid-rows', attrs: { role: 'rowgroup' } });
    this.element = h(
      'div',
      {
        className: 'grid',
        id: 'ranked-grid',
        attrs: { role: 'grid', tabindex: '0', 'aria-label': 'Anomalous lines', 'aria-colcount': String(COLUMNS.length), 'aria-rowcount': '1' },
      },
      [h('div', { className: 'grid-head', attrs: { role: 'rowgroup' } }, [this.header]), this.body],
    );
    this.body.style.setProperty('--row-height', `${options.rowHeight}px`);
    this.element.addEventListener('scroll', () => this.scheduleRender());
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('focus', () => this.showActive());
  }

  /** New rows or a new order (sorting, filtering); keeps the scroll position when `keepScroll`. */
  setData(rows: DashboardRows, order: Int32Array, sortKey: DashboardSortKey, sortDescending: boolean, hasYear: boolean, keepScroll = false): void {
    if (rows !== this.rows) {
      // The rank and line columns are as wide as their widest number (a log of millions of lines has 9-digit lines).
      const widest = widestNumbers(rows);
      this.element.style.setProperty('--rank-chars', String(widest.rank));
      this.element.style.setProperty('--line-chars', String(widest.line));
    }
    this.rows = rows;
    this.order = order;
    this.hasYear = hasYear;
    this.element.setAttribute('aria-rowcount', String(order.length + 1));
    COLUMNS.forEach((column, index) => {
      const cell = this.headerCells[index];
      const sorted = column.key === sortKey;
      cell.setAttribute('aria-sort', sorted ? (sortDescending ? 'descending' : 'ascending') : 'none');
      cell.classList.toggle('sorted', sorted);
      cell.querySelector('.sort-indicator')!.textContent = sorted ? (sortDescending ? '▼' : '▲') : '';
    });
    this.body.style.height = `${order.length * this.options.rowHeight}px`;
    if (!keepScroll) {
      this.element.scrollTop = 0;
      if (this.active >= 0) this.active = 0;
    }
    if (this.active >= order.length) this.active = Math.max(0, order.length - 1);
    for (const element of this.rowElements.values()) this.release(element);
    this.rowElements.clear();
    this.render();
  }

  /** Renders the rows in view now (scrolling renders on the next animation frame). */
  render(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const rows = this.rows;
    if (rows === undefined) return;
    const headerHeight = this.header.offsetHeight;
    const range = visibleRange(this.element.scrollTop, this.element.clientHeight - headerHeight, this.options.rowHeight, this.order.length);
    for (const [position, element] of this.rowElements) {
      if (position < range.first || position >= range.last) {
        this.release(element);
        this.rowElements.delete(position);
      }
    }
    const added: HTMLElement[] = [];
    for (let position = range.first; position < range.last; position++) {
      if (this.rowElements.has(position)) continue;
      const element = this.pool.pop() ?? this.createRow();
      this.fill(element, rows, position);
      this.rowElements.set(position, element);
      added.push(element);
    }
    if (added.length > 0) this.body.append(...added);
    this.showActive();
  }

  private scheduleRender(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.render());
  }

  private createRow(): HTMLElement {
    // Each cell keeps one text node, whose value changes as the row is reused.
    return h(
      'div',
      { className: 'row', attrs: { role: 'row' } },
      COLUMNS.map((column) => h('div', { className: `cell col-${column.key}`, attrs: { role: 'gridcell' } }, [document.createTextNode('')])),
    );
  }

  private release(element: HTMLElement): void {
    element.remove();
    this.pool.push(element);
  }

  private fill(element: HTMLElement, rows: DashboardRows, position: number): void {
    const i = this.order[position];
    element.id = `row-${position}`;
    element.dataset.position = String(position);
    element.setAttribute('aria-rowindex', String(position + 2));
    element.style.transform = `translateY(${position * this.options.rowHeight}px)`;
    element.className = `row ${levelClass(rows.level[i])}`;
    const cells = element.children;
    for (let c = 0; c < COLUMNS.length; c++) (cells[c].firstChild as Text).data = COLUMNS[c].text(rows, i, this.hasYear);
    (cells[1] as HTMLElement).style.setProperty('--score', String(rows.score[i]));
    element.title = rows.reason[i] === '' ? rows.message[i] : `${rows.message[i]}\n\n${rows.reason[i]}`;
  }

  /** Marks the active row or header cell and points the grid's aria-activedescendant at it. */
  private showActive(): void {
    for (const [position, element] of this.rowElements) {
      const active = position === this.active;
      element.classList.toggle('active', active);
      element.setAttribute('aria-selected', String(active));
    }
    this.headerCells.forEach((cell, index) => cell.classList.toggle('active', this.active < 0 && index === this.activeColumn));
    const id = this.active < 0 ? this.headerCells[this.activeColumn].id : this.rowElements.has(this.active) ? `row-${this.active}` : '';
    if (id === '') this.element.removeAttribute('aria-activedescendant');
    else this.element.setAttribute('aria-activedescendant', id);
  }

  private moveTo(position: number): void {
    this.active = Math.max(-1, Math.min(this.order.length - 1, position));
    if (this.active >= 0) this.scrollIntoView(this.active);
    this.render();
  }

  private scrollIntoView(position: number): void {
    const top = position * this.options.rowHeight;
    const view = this.element.clientHeight - this.header.offsetHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + this.options.rowHeight > this.element.scrollTop + view) this.element.scrollTop = top + this.options.rowHeight - view;
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.element.clientHeight - this.header.offsetHeight) / this.options.rowHeight) - 1);
    const onHeader = this.active < 0;
    switch (event.key) {
      case 'ArrowDown':
        this.moveTo(this.active + 1);
        break;
      case 'ArrowUp':
        this.moveTo(this.active - 1);
        break;
      case 'PageDown':
        this.moveTo(Math.max(0, this.active + page));
        break;
      case 'PageUp':
        this.moveTo(Math.max(0, this.active - page));
        break;
      case 'Home':
        this.moveTo(onHeader ? -1 : 0);
        if (onHeader) this.activeColumn = 0;
        this.showActive();
        break;
      case 'End':
        if (onHeader) {
          this.activeColumn = COLUMNS.length - 1;
          this.showActive();
        } else {
          this.moveTo(this.order.length - 1);
        }
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (!onHeader) return; // Let the grid scroll sideways.
        this.activeColumn = Math.max(0, Math.min(COLUMNS.length - 1, this.activeColumn + (event.key === 'ArrowLeft' ? -1 : 1)));
        this.headerCells[this.activeColumn].scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
        this.showActive();
        break;
      case 'Enter':
      case ' ':
        if (onHeader) this.options.onSort(COLUMNS[this.activeColumn].key);
        else if (this.active < this.order.length && this.rows !== undefined) this.options.onReveal(this.rows.line[this.order[this.active]]);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const header = target.closest<HTMLElement>('[role="columnheader"]');
    if (header !== null) {
      const index = this.headerCells.indexOf(header);
      this.activeColumn = index;
      this.options.onSort(COLUMNS[index].key);
      return;
    }
    const row = target.closest<HTMLElement>('.grid-rows [role="row"]');
    if (row === null || this.rows === undefined) return;
    const position = Number(row.dataset.position);
    this.active = position;
    this.showActive();
    this.options.onReveal(this.rows.line[this.order[position]]);
  }
}
