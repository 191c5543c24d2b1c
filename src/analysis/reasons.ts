/**
 * Why an item was flagged, as data (so the editor, the dashboard and the CLI can render it their
 * own way) and as one sentence a person understands.
 */
import { LEVEL_NAMES } from './levels';

export type Reason =
  /** The line's template is rare in this file. */
  | { readonly kind: 'rareTemplate'; readonly templateId: number; readonly count: number; readonly total: number }
  /** Baseline mode: the template never occurs in the known-good log. */
  | { readonly kind: 'newTemplate'; readonly templateId: number }
  /** Baseline mode: the template is far more frequent than in the known-good log. */
  | { readonly kind: 'moreFrequent'; readonly templateId: number; readonly share: number; readonly baselineShare: number }
  /** Words that are rare in this file (highest TF-IDF weight). */
  | { readonly kind: 'rareWords'; readonly words: readonly string[] }
  /** The line's level, with how few lines share it. */
  | { readonly kind: 'severity'; readonly level: number; readonly share: number }
  | { readonly kind: 'unusualLength'; readonly length: number; readonly typical: number }
  /** A numeric parameter far larger than usual for its template (value: its magnitude, roughly). */
  | { readonly kind: 'unusualParameter'; readonly position: number; readonly value: number; readonly share: number }
  /** Nothing stands out alone, but this combination of template, level, length and parameters is rare. */
  | { readonly kind: 'rareCombination'; readonly count: number; readonly total: number }
  /** An entry followed by continuation lines (a stack trace). */
  | { readonly kind: 'stackTrace'; readonly lines: number }
  /** The line falls in a time window with far more errors than usual. */
  | { readonly kind: 'errorBurst'; readonly windowStart: number; readonly windowMs: number; readonly errors: number; readonly typical: number }
  /** The line belongs to a flagged session. */
  | { readonly kind: 'inAnomalousSession'; readonly session: string; readonly score: number }
  /** Session reasons. */
  | { readonly kind: 'missingEvents'; readonly templateIds: readonly number[]; readonly sessionShare: number }
  | { readonly kind: 'repeatedEvent'; readonly templateId: number; readonly count: number; readonly typical: number }
  | { readonly kind: 'rareEvent'; readonly templateId: number; readonly sessions: number; readonly totalSessions: number }
  | { readonly kind: 'unusualSessionLength'; readonly lines: number; readonly typical: number }
  | { readonly kind: 'unusualDuration'; readonly ms: number; readonly typicalMs: number }
  /** Nothing stands out alone, but few sessions have exactly these event counts. */
  | { readonly kind: 'rareSessionShape'; readonly count: number; readonly total: number };

export type ReasonKind = Reason['kind'];

/** Looks up a template's text by id, for sentences that quote it. */
export type TemplateText = (templateId: number) => string;

/** One plain sentence for a reason. The result is text, never markup: adapters must show it as text. */
export function describeReason(reason: Reason, templateText: TemplateText): string {
  switch (reason.kind) {
    case 'rareTemplate':
      return `Rare template: seen ${count(reason.count, 'time')} in ${formatCount(reason.total)} lines ("${clip(templateText(reason.templateId))}")`;
    case 'newTemplate':
      return `Template never seen in the baseline log ("${clip(templateText(reason.templateId))}")`;
    case 'moreFrequent':
      return `Template is ${ratio(reason.share, reason.baselineShare)} more frequent than in the baseline (${percent(reason.share)} of lines vs ${percent(reason.baselineShare)}): "${clip(templateText(reason.templateId))}"`;
    case 'rareWords':
      return `Rare words for this file: ${reason.words.map((w) => `"${clip(w, 40)}"`).join(', ')}`;
    case 'severity':
      return `${LEVEL_NAMES[reason.level] || 'Unknown'} level, shared by only ${percent(reason.share)} of lines`;
    case 'unusualLength':
      return `Message is ${count(reason.length, 'character')} long; ${formatCount(reason.typical)} is usual for its template`;
    case 'unusualParameter':
      return `Parameter ${reason.position + 1} (about ${formatCount(reason.value)}) is unusually large for its template: values this large in ${percent(reason.share)} of its lines`;
    case 'rareCombination':
      return `This combination of template, level, length and parameters occurs on only ${count(reason.count, 'line')} of ${formatCount(reason.total)}`;
    case 'stackTrace':
      return `Followed by a ${count(reason.lines, 'line')} stack trace`;
    case 'errorBurst':
      return `Part of an error burst: ${count(reason.errors, 'error')} in ${formatDuration(reason.windowMs)}, ${formatCount(reason.typical)} is typical`;
    case 'inAnomalousSession':
      return `In anomalous session ${clip(reason.session, 80)} (score ${reason.score.toFixed(2)})`;
    case 'missingEvents': {
      const quoted = reason.templateIds.slice(0, 3).map((id) => `"${clip(templateText(id), 60)}"`).join(', ');
      const more = reason.templateIds.length > 3 ? ` and ${reason.templateIds.length - 3} more` : '';
      return `Missing events that ${percent(reason.sessionShare)} of sessions have: ${quoted}${more}`;
    }
    case 'repeatedEvent':
      return `Event repeated ${count(reason.count, 'time')} (typical: ${formatCount(reason.typical)}): "${clip(templateText(reason.templateId), 60)}"`;
    case 'rareEvent':
      return `Has an event seen in only ${count(reason.sessions, 'session')} of ${formatCount(reason.totalSessions)}: "${clip(templateText(reason.templateId), 60)}"`;
    case 'unusualSessionLength':
      return `Session has ${count(reason.lines, 'line')}; ${formatCount(reason.typical)} is typical`;
    case 'unusualDuration':
      return `Session lasts ${formatDuration(reason.ms)}; ${formatDuration(reason.typicalMs)} is typical`;
    case 'rareSessionShape':
      return `Only ${count(reason.count, 'session')} of ${formatCount(reason.total)} ${reason.count === 1 ? 'has' : 'have'} exactly these event counts`;
  }
}

/** 12,345 with thousands separators, independent of the host's locale. */
export function groupDigits(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 line`, `12,345 lines`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${groupDigits(n)} ${n === 1 ? noun : nouns}`;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9)}G`;
  if (abs >= 1e6) return `${trim(n / 1e6)}M`;
  if (abs >= 1e4) return `${trim(n / 1e3)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0%';
  if (p < 0.01) return '<0.01%';
  if (p < 1) return `${p.toFixed(2)}%`;
  if (p < 10) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown time';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${trim(s)} s`;
  const m = s / 60;
  if (m < 120) return `${trim(m)} min`;
  const h = m / 60;
  if (h < 48) return `${trim(h)} h`;
  return `${trim(h / 24)} days`;
}

function count(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${trim(a / b)}x` : 'far';
}

function trim(value: number): string {
  return String(Number(value.toFixed(1)));
}

/** Shortens text for a sentence; the result is still plain text. */
export function clip(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
