/**
 * The editor's sentences that are tested on their own: the summary after a run, the Problems
 * message, an anomalous line's tree row, the hover's Markdown, a log's name and the models' labels.
 * Pure (no `vscode`); log text only ever reaches Markdown through `escapeMarkdown` or `codeBlock`.
 */
import * as path from 'node:path';
import { formatScore, groupDigits, type LineDetail, type ModelName, plural, type ReportStats, shorten } from '../../analysis';
import { GRADE_NAMES, type Grade } from '../state/marks';
import { codeBlock, escapeMarkdown } from './markdown';

export const MODEL_LABELS: Readonly<Record<ModelName, string>> = {
  iforest: 'Isolation Forest',
  ocsvm: 'One-Class SVM',
  ensemble: 'Ensemble (Isolation Forest + One-Class SVM)',
};

/** The name a log goes by in titles and messages: its file name, or an untitled document's own name. */
export function displayName(uri: { readonly scheme: string; readonly path: string }): string {
  return (uri.scheme === 'untitled' ? uri.path : path.posix.basename(uri.path)) || String(uri);
}

/** What a run found, in one sentence: "23 anomalies in hdfs.log (7,940 lines, 31 templates; 2 of 300 sessions anomalous)." */
export function runSummary(name: string, stats: ReportStats, marked: number, baselineName: string | null): string {
  const found = marked === 0 ? `No anomalies found in ${name}` : `${plural(marked, 'anomaly', 'anomalies')} in ${name}`;
  const parts = [plural(stats.lines, 'line'), plural(stats.templates, 'template')];
  let details = parts.join(', ');
  if (stats.sessions > 0) details += `; ${groupDigits(stats.anomalousSessions)} of ${plural(stats.sessions, 'session')} anomalous`;
  const against = baselineName === null ? '' : ` compared with ${baselineName}`;
  return `${found}${against} (${details}).`;
}

/** The Problems entry: "#3 score 0.87: Rare template: seen 1 time in 7.9k lines (...)". */
export function diagnosticMessage(detail: Pick<LineDetail, 'rank' | 'score' | 'reasonTexts'>): string {
  const reason = detail.reasonTexts[0];
  return `#${groupDigits(detail.rank)} score ${formatScore(detail.score, 'label')}${reason === undefined ? '' : `: ${reason}`}`;
}

/**
 * An anomalous line's tree row: the line number first, so it shows however narrow the sidebar (as
 * in search results), then the message; the score as its description (the icon shows its grade).
 */
export function anomalyLabel(line: number, score: number, message: string): { label: string; description: string } {
  const text = message.trim();
  return { label: `${groupDigits(line + 1)}: ${shorten(text.length > 0 ? text : '(empty line)', 120)}`, description: formatScore(score, 'label') };
}

/** A log timestamp (ms, the log's wall clock read as UTC) as the log would show it. */
export function logTime(ms: number, hasYear: boolean): string {
  if (!Number.isFinite(ms)) return '';
  const iso = new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  return hasYear ? iso : iso.slice(5);
}

export interface HoverFacts {
  readonly detail: LineDetail;
  readonly grade: Grade;
  /** Lines marked in the file. */
  readonly markedLines: number;
  readonly model: ModelName;
  readonly hasYear: boolean;
  /** The line's session id, its score and why it stands out (a broken invariant, events off the usual pattern), when it has one. */
  readonly session: { readonly id: string; readonly score: number; readonly flagged: boolean; readonly reasons?: readonly string[] } | null;
  /** Baseline mode: the known-good log's name. */
  readonly baselineName: string | null;
}

const MAX_HOVER_REASONS = 5;
const MAX_SESSION_REASONS = 3;

/** The hover of a marked line, as Markdown with every piece of log text escaped. */
export function hoverMarkdown(facts: HoverFacts): string {
  const { detail } = facts;
  const heading = `**Log anomaly #${groupDigits(detail.rank)}** of ${groupDigits(facts.markedLines)} · score **${formatScore(detail.score, 'label')}** (${GRADE_NAMES[facts.grade]})`;
  const context = [`model: ${MODEL_LABELS[facts.model]}`];
  if (facts.baselineName !== null) context.push(`baseline: ${escapeMarkdown(facts.baselineName)}`);
  if (detail.level !== '' && detail.level !== 'unknown') context.push(`level: ${escapeMarkdown(detail.level)}`);
  const time = logTime(detail.time, facts.hasYear);
  if (time !== '') context.push(`time: ${escapeMarkdown(time)}`);
  if (facts.session !== null) {
    const flagged = facts.session.flagged ? `, anomalous, score ${formatScore(facts.session.score, 'label')}` : '';
    context.push(`session: ${escapeMarkdown(shorten(facts.session.id, 80))}${flagged}`);
  }

  const parts = [heading, context.join(' · ')];
  if (detail.reasonTexts.length > 0) {
    const shown = detail.reasonTexts.slice(0, MAX_HOVER_REASONS).map((text) => `- ${escapeMarkdown(text)}`);
    const more = detail.reasonTexts.length - shown.length;
    if (more > 0) shown.push(`- and ${plural(more, 'more reason')}`);
    parts.push(`Why it stands out:\n\n${shown.join('\n')}`);
  }
  const sessionReasons = facts.session?.flagged ? (facts.session.reasons ?? []).slice(0, MAX_SESSION_REASONS) : [];
  if (sessionReasons.length > 0) parts.push(`Why its session stands out:\n\n${sessionReasons.map((text) => `- ${escapeMarkdown(text)}`).join('\n')}`);
  if (detail.template !== '') parts.push(`Template:\n\n${codeBlock(shorten(detail.template, 500))}`);
  return parts.join('\n\n');
}
