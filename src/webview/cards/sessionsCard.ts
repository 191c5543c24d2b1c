/**
 * The sessions card: the most anomalous sessions with what is unusual about each, as a list of
 * disclosure buttons; opening one lists its lines (asked of the host), and a line reveals it.
 */
import type { DashboardLine, DashboardSession, DashboardSessions } from '../../protocol';
import { h, levelClass } from '../dom';
import { formatElapsed, formatTimestamp } from '../format';
import { createButton, createProgressRing } from '../toolkit';
import { formatScore, groupDigits, plural } from '../../analysis/util/text';

/** Sessions added by each "Show more", and the most listed at first. */
const PAGE = 20;
/** Sessions listed at first even when fewer are flagged. */
const MIN_SHOWN = 5;

const loadingLines = (): HTMLElement => createProgressRing('Loading the session’s lines');

export interface SessionsCardOptions {
  /** A session was opened: its lines are wanted (answer with `showLines`). */
  onOpen(session: number): void;
  onClose(): void;
  onReveal(line: number): void;
}

export class SessionsCard {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private readonly more: HTMLElement;
  private sessions: DashboardSessions | null = null;
  private shown = PAGE;
  private hasYear = true;
  private open: number | null = null;
  private readonly items = new Map<number, HTMLElement>();

  constructor(private readonly options: SessionsCardOptions) {
    this.summary = h('p', { className: 'caption' });
    this.list = h('ul', { className: 'session-list', attrs: { 'aria-label': 'Most anomalous sessions' } });
    this.more = createButton('Show more sessions');
    this.more.addEventListener('click', () => {
      this.shown += PAGE;
      this.render();
    });
    this.element = h('section', { className: 'card sessions', id: 'sessions', attrs: { 'aria-labelledby': 'sessions-title' } }, [
      h('div', { className: 'card-head' }, [h('h2', { id: 'sessions-title', text: 'Sessions' })]),
      this.summary,
      this.list,
      h('div', { className: 'more' }, [this.more]),
    ]);
  }

  /** The report's sessions (null: the log has none, and the section hides). */
  setData(sessions: DashboardSessions | null, hasYear: boolean, open: number | null): void {
    this.sessions = sessions;
    this.hasYear = hasYear;
    this.open = sessions !== null && sessions.top.some((session) => session.index === open) ? open : null;
    // The flagged sessions (at least a few, at most a page), more on request.
    const flagged = sessions?.top.filter((session) => session.flagged).length ?? 0;
    this.shown = Math.max(Math.min(PAGE, Math.max(MIN_SHOWN, flagged)), this.positionOfOpen() + 1);
    this.element.hidden = sessions === null || sessions.total === 0;
    this.render();
  }

  get openSession(): number | null {
    return this.open;
  }

  /** The host's answer to `onOpen`. */
  showLines(session: number, lines: readonly DashboardLine[], total: number): void {
    const item = this.items.get(session);
    const container = item?.querySelector<HTMLElement>('.session-lines');
    if (container === undefined || container === null || this.open !== session) return;
    const rows = lines.map((line) => {
      const button = h('button', { className: `session-line ${levelClass(line.level)}${line.flagged ? ' flagged' : ''}`, attrs: { type: 'button' } }, [
        h('span', { className: 'line-number', text: groupDigits(line.line + 1) }),
        h('span', { className: 'line-score', text: formatScore(line.score, 'table') }),
        h('span', { className: 'line-time', text: formatTimestamp(line.time, this.hasYear) }),
        h('span', { className: 'line-level', text: line.level }),
        h('span', { className: 'line-message', text: line.message }),
      ]);
      button.title = `Line ${line.line + 1}${line.flagged ? ' (flagged)' : ''}: reveal in the editor`;
      button.addEventListener('click', () => this.options.onReveal(line.line));
      return button;
    });
    const note = total > lines.length ? [h('p', { className: 'caption', text: `First ${groupDigits(lines.length)} of ${groupDigits(total)} lines.` })] : [];
    container.replaceChildren(...rows, ...note);
    container.setAttribute('aria-busy', 'false');
  }

  private positionOfOpen(): number {
    return this.sessions?.top.findIndex((session) => session.index === this.open) ?? -1;
  }

  private render(): void {
    const sessions = this.sessions;
    this.items.clear();
    if (sessions === null) {
      this.list.replaceChildren();
      return;
    }
    const kind = sessions.kind === null ? '' : ` by ${sessions.kind}`;
    this.summary.textContent = `${groupDigits(sessions.flagged)} of ${groupDigits(sessions.total)} sessions${kind} are anomalous. The most anomalous first, with what sets each apart from typical sessions; open one to list its lines.`;
    const visible = sessions.top.slice(0, this.shown);
    this.list.replaceChildren(...visible.map((session) => this.item(session)));
    this.more.hidden = visible.length >= sessions.top.length;
  }

  private item(session: DashboardSession): HTMLElement {
    const expanded = this.open === session.index;
    const linesId = `session-lines-${session.index}`;
    const head = h('button', { className: 'session-head', attrs: { type: 'button', 'aria-expanded': String(expanded), 'aria-controls': linesId } }, [
      h('span', { className: 'chevron', attrs: { 'aria-hidden': 'true' } }),
      h('span', { className: 'session-id', text: session.id }),
      h('span', { className: `session-flag${session.flagged ? ' flagged' : ''}`, text: session.flagged ? 'Anomalous' : 'Not flagged' }),
      h('span', { className: 'session-score', text: `score ${formatScore(session.score, 'table')}` }),
      h('span', { className: 'session-meta', text: this.meta(session) }),
    ]);
    head.addEventListener('click', () => this.toggle(session.index));
    const reasons = h(
      'ul',
      { className: 'session-reasons' },
      (session.reasons.length > 0 ? session.reasons : ['Nothing stands out alone: its mix of events is rare.']).map((reason) => h('li', { text: reason })),
    );
    const lines = h('div', { className: 'session-lines', id: linesId, attrs: { role: 'group', 'aria-label': `Lines of session ${session.id}`, 'aria-busy': 'true' } }, [loadingLines()]);
    lines.hidden = !expanded;
    const item = h('li', { className: `session${expanded ? ' open' : ''}` }, [head, reasons, lines]);
    this.items.set(session.index, item);
    return item;
  }

  private meta(session: DashboardSession): string {
    const parts = [`rank ${groupDigits(session.rank)}`, plural(session.lines, 'line')];
    if (session.durationMs !== null) parts.push(formatElapsed(session.durationMs));
    return parts.join(' · ');
  }

  private toggle(index: number): void {
    const opening = this.open !== index;
    this.open = opening ? index : null;
    for (const [session, item] of this.items) {
      const expanded = session === this.open;
      item.classList.toggle('open', expanded);
      item.querySelector('.session-head')!.setAttribute('aria-expanded', String(expanded));
      const container = item.querySelector<HTMLElement>('.session-lines')!;
      container.hidden = !expanded;
      if (expanded) {
        container.replaceChildren(loadingLines());
        container.setAttribute('aria-busy', 'true');
      }
    }
    if (opening) this.options.onOpen(index);
    else this.options.onClose();
  }
}
