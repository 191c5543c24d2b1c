/**
 * The anomalous lines card: the ranked grid under a toolbar (text filter, level filter, the
 * timeline bucket the list is narrowed to) with the count of lines shown and flagged.
 */
import type { DashboardRows, DashboardSortKey } from '../../protocol';
import { h } from '../dom';
import { createBadge, createButton, createDropdown, createProgressRing, createTextField, type DropdownControl, type ValueControl } from '../toolkit';
import { RankedGrid } from './rankedGrid';
import { groupDigits, plural } from '../../analysis/util/text';

const ROW_HEIGHT = 24;

export interface RankedCardOptions {
  /** The text filter's value at first (a saved view's). */
  readonly text: string;
  onText(text: string): void;
  /** '' for every level. */
  onLevel(level: string): void;
  /** "Show all": the list is to show every timeline bucket again. */
  onClearBucket(): void;
  /** A row was activated: its 0-based line. */
  onReveal(line: number): void;
  onSort(key: DashboardSortKey): void;
}

/** What the list shows: the rows, which of them in which order, and how the user narrowed it. */
export interface RankedListing {
  readonly rows: DashboardRows;
  /** Row indices to show, in display order. */
  readonly order: Int32Array;
  readonly sortKey: DashboardSortKey;
  readonly sortDescending: boolean;
  readonly hasYear: boolean;
  /** Whether a filter (or a threshold being raised) hides some flagged rows. */
  readonly filtered: boolean;
  /** The range of the timeline bucket the list is narrowed to, or null. */
  readonly bucketRange: string | null;
  readonly keepScroll: boolean;
}

export class RankedCard {
  readonly element: HTMLElement;
  private readonly count: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly busy: HTMLElement;
  private readonly filter: ValueControl;
  private readonly levelFilter: DropdownControl;
  private readonly bucketChip: HTMLElement;
  private readonly bucketChipText: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly grid: RankedGrid;

  constructor(options: RankedCardOptions) {
    this.badge = createBadge('0');
    this.badge.id = 'ranked-count-badge';
    this.busy = createProgressRing('Updating the list');
    this.busy.classList.add('busy');
    this.busy.hidden = true;
    this.count = h('span', { className: 'count', id: 'ranked-count', attrs: { role: 'status' } });
    this.filter = createTextField({ placeholder: 'Message, template, reason or line number', label: 'Filter' });
    this.filter.element.id = 'ranked-filter';
    this.filter.value = options.text;
    this.filter.onChange((text) => options.onText(text));
    this.levelFilter = createDropdown({ label: 'Level' });
    this.levelFilter.element.id = 'ranked-level';
    this.levelFilter.onChange((level) => options.onLevel(level));
    this.bucketChipText = h('span', { className: 'chip-text' });
    const clearBucket = createButton('Show all', { title: 'Show the anomalies of every timeline bucket' });
    clearBucket.id = 'ranked-bucket-clear';
    clearBucket.addEventListener('click', () => options.onClearBucket());
    this.bucketChip = h('div', { className: 'chip', id: 'ranked-bucket' }, [this.bucketChipText, clearBucket]);
    this.grid = new RankedGrid({ rowHeight: ROW_HEIGHT, onReveal: (line) => options.onReveal(line), onSort: (key) => options.onSort(key) });
    this.empty = h('p', { className: 'list-empty', id: 'ranked-empty' });
    this.element = h('section', { className: 'card ranked', id: 'ranked', attrs: { 'aria-labelledby': 'ranked-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'ranked-title', text: 'Anomalous lines' }), this.badge, this.busy]),
      h('div', { className: 'toolbar' }, [
        this.filter.element,
        h('div', { className: 'field' }, [h('span', { className: 'field-label', id: 'ranked-level-label', text: 'Level' }), this.levelFilter.element]),
        this.bucketChip,
        this.count,
      ]),
      this.grid.element,
      this.empty,
    ]);
  }

  /** The level filter's choices (most severe first); returns the level it shows: `wanted` if present, else every level (''). */
  setLevels(levels: readonly string[], wanted: string): string {
    this.levelFilter.setOptions([{ value: '', label: 'All levels' }, ...levels.map((level) => ({ value: level, label: level }))]);
    this.levelFilter.value = levels.includes(wanted) ? wanted : '';
    return this.levelFilter.value;
  }

  /** The spinner that says a threshold move is on its way to the host. */
  setBusy(busy: boolean): void {
    this.busy.hidden = !busy;
  }

  show(listing: RankedListing): void {
    const { rows, order } = listing;
    // Shown first: a hidden grid measures no viewport and would render only its overscan rows.
    this.grid.element.hidden = order.length === 0;
    this.grid.setData(rows, order, listing.sortKey, listing.sortDescending, listing.hasYear, listing.keepScroll);
    const total = rows.total;
    this.badge.textContent = groupDigits(total);
    const parts: string[] = [];
    if (listing.filtered) parts.push(`${groupDigits(order.length)} shown`);
    if (rows.line.length < total) parts.push(`the top ${groupDigits(rows.line.length)} of ${groupDigits(total)} flagged lines are listed`);
    else parts.push(plural(total, 'flagged line'));
    this.count.textContent = parts.join(' · ');
    this.bucketChip.hidden = listing.bucketRange === null;
    if (listing.bucketRange !== null) this.bucketChipText.textContent = `Only ${listing.bucketRange}`;
    this.empty.hidden = order.length > 0;
    this.empty.textContent = total === 0 ? 'No line scores at or above the threshold.' : 'No flagged line matches these filters.';
  }

  /** Re-renders the rows in view (the window resized). */
  relayout(): void {
    this.grid.render();
  }
}
