/**
 * Why an item was flagged, as data (so the editor, the dashboard and the CLI can render it their
 * own way) and as one sentence a person understands.
 */
import { LEVEL_NAMES } from '../formats/levels';
import { formatCount, formatDuration, formatScore, oneDecimal, percent, shorten, wordFor } from '../util/text';

/** A template quoted in a sentence is cut to this many characters. */
const QUOTED_TEMPLATE_CHARS = 100;

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
      return `Rare template: seen ${count(reason.count, 'time')} in ${formatCount(reason.total)} lines ("${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}")`;
    case 'newTemplate':
      return `Template never seen in the baseline log ("${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}")`;
    case 'moreFrequent':
      return `Template is ${ratio(reason.share, reason.baselineShare)} more frequent than in the baseline (${percent(reason.share)} of lines vs ${percent(reason.baselineShare)}): "${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}"`;
    case 'rareWords':
      return `Rare words for this file: ${reason.words.map((w) => `"${shorten(w, 40)}"`).join(', ')}`;
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
      return `In anomalous session ${shorten(reason.session, 80)} (score ${formatScore(reason.score, 'label')})`;
    case 'missingEvents': {
      const quoted = reason.templateIds.slice(0, 3).map((id) => `"${shorten(templateText(id), 60)}"`).join(', ');
      const more = reason.templateIds.length > 3 ? ` and ${reason.templateIds.length - 3} more` : '';
      return `Missing events that ${percent(reason.sessionShare)} of sessions have: ${quoted}${more}`;
    }
    case 'repeatedEvent':
      return `Event repeated ${count(reason.count, 'time')} (typical: ${formatCount(reason.typical)}): "${shorten(templateText(reason.templateId), 60)}"`;
    case 'rareEvent':
      return `Has an event seen in only ${count(reason.sessions, 'session')} of ${formatCount(reason.totalSessions)}: "${shorten(templateText(reason.templateId), 60)}"`;
    case 'unusualSessionLength':
      return `Session has ${count(reason.lines, 'line')}; ${formatCount(reason.typical)} is typical`;
    case 'unusualDuration':
      return `Session lasts ${formatDuration(reason.ms)}; ${formatDuration(reason.typicalMs)} is typical`;
    case 'rareSessionShape':
      return `Only ${count(reason.count, 'session')} of ${formatCount(reason.total)} ${wordFor(reason.count, 'has', 'have')} exactly these event counts`;
  }
}

/** A compact count with its noun: `7.9k lines`. */
function count(n: number, noun: string): string {
  return `${formatCount(n)} ${wordFor(n, noun)}`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${oneDecimal(a / b)}x` : 'far';
}
