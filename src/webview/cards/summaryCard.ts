/**
 * The summary card: the log's numbers at a glance (lines, templates, sessions, anomalies, model,
 * threshold, time taken), each with a detail line under it.
 */
import type { DashboardState } from '../../protocol';
import { h } from '../dom';
import { formatBytes, formatElapsed } from '../format';
import { formatScore, groupDigits } from '../../analysis/util/text';

export class SummaryCard {
  readonly element: HTMLElement;
  private readonly stats: HTMLElement;

  constructor() {
    this.stats = h('dl', { className: 'summary', id: 'summary', attrs: { 'aria-label': 'Summary' } });
    this.element = h('section', { className: 'card summary-card', attrs: { 'aria-label': 'Summary' } }, [this.stats]);
  }

  show(state: DashboardState): void {
    const s = state.summary;
    const moved = Math.abs(state.threshold - state.reportThreshold) > 1e-9;
    const items: Array<[string, string, string?]> = [
      ['Lines', groupDigits(s.lines), s.entries !== s.lines ? `${groupDigits(s.entries)} entries · ${formatBytes(s.bytes)}` : formatBytes(s.bytes)],
      ['Templates', groupDigits(s.templates), `format: ${s.format}`],
      ['Sessions', s.sessions > 0 ? groupDigits(s.sessions) : 'none', state.sessions?.kind ?? undefined],
      ['Anomalies', groupDigits(s.anomalies), s.lines > 0 ? `${((100 * s.anomalies) / s.lines).toFixed(s.anomalies * 1000 < s.lines ? 2 : 1)}% of lines` : undefined],
      ['Model', s.model, s.baselineLines !== null ? `baseline: ${groupDigits(s.baselineLines)} lines` : undefined],
      ['Threshold', formatScore(state.threshold, 'table'), moved ? `analysis chose ${formatScore(state.reportThreshold, 'table')}` : 'chosen by the analysis'],
      ['Time taken', formatElapsed(s.elapsedMs)],
    ];
    this.stats.replaceChildren(
      ...items.map(([label, value, detail]) =>
        h('div', { className: `stat stat-${label.toLowerCase().replace(/\s+/g, '-')}` }, [
          h('dt', { text: label }),
          h('dd', {}, [h('span', { className: 'value', text: value }), ...(detail !== undefined ? [h('span', { className: 'detail', text: detail })] : [])]),
        ]),
      ),
    );
  }
}
