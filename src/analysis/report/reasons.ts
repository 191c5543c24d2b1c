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
  /** A template the reference never had: the baseline, or (when following a log) the lines scored before. */
  | { readonly kind: 'newTemplate'; readonly templateId: number; readonly reference: 'baseline' | 'earlierLines'; readonly total: number }
  /** Baseline mode: the template is far more frequent than in the known-good log. */
  | { readonly kind: 'moreFrequent'; readonly templateId: number; readonly share: number; readonly baselineShare: number }
  /** Words that are rare in this file (highest TF-IDF weight). */
  | { readonly kind: 'rareWords'; readonly words: readonly string[] }
  /**
   * The line's level, with how few lines share it, and where its template occurs when that tells: new,
   * stopped or in bursts (raised most), or throughout the log (raised less).
   */
  | { readonly kind: 'severity'; readonly level: number; readonly share: number; readonly spread?: SeveritySpread }
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
  | { readonly kind: 'rareSessionShape'; readonly count: number; readonly total: number }
  /**
   * The session breaks a relation among event counts that nearly all sessions keep:
   * Σ coefficient · count = constant (one term: a constant count; more: a balance, constant 0).
   */
  | { readonly kind: 'brokenInvariant'; readonly terms: readonly InvariantTermCount[]; readonly constant: number; readonly support: number }
  /** The session's event counts lie far off the pattern normal sessions follow; the events furthest off. */
  | { readonly kind: 'offSubspace'; readonly events: readonly { readonly templateId: number; readonly count: number; readonly expected: number }[] }
  /** One event directly followed by another, an order almost no session has. */
  | { readonly kind: 'rareTransition'; readonly from: number; readonly to: number; readonly sessions: number; readonly totalSessions: number };

/** Where a template occurs in the log: only in its second half, only in its first, in bursts, or throughout. */
export type SeveritySpread = 'new' | 'stopped' | 'bursts' | 'throughout';

/** One event of a broken invariant, with its count in the session. */
export interface InvariantTermCount {
  readonly templateId: number;
  readonly coefficient: number;
  readonly count: number;
}

export type ReasonKind = Reason['kind'];

/** Looks up a template's text by id, for sentences that quote it. */
export type TemplateText = (templateId: number) => string;

const SPREAD_WORDS: Readonly<Record<SeveritySpread, string>> = {
  new: 'its template is new: it began partway through the log',
  stopped: 'its template stopped partway through the log',
  bursts: 'its template comes in bursts, absent from most of the log',
  throughout: 'its template recurs throughout the log',
};

/** One plain sentence for a reason. The result is text, never markup: adapters must show it as text. */
export function describeReason(reason: Reason, templateText: TemplateText): string {
  switch (reason.kind) {
    case 'rareTemplate':
      return `Rare template: seen ${count(reason.count, 'time')} in ${formatCount(reason.total)} lines ("${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}")`;
    case 'newTemplate':
      return reason.reference === 'baseline'
        ? `Template never seen in the baseline log ("${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}")`
        : `New template: not in the ${formatCount(reason.total)} lines before ("${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}")`;
    case 'moreFrequent':
      return `Template is ${ratio(reason.share, reason.baselineShare)} more frequent than in the baseline (${percent(reason.share)} of lines vs ${percent(reason.baselineShare)}): "${shorten(templateText(reason.templateId), QUOTED_TEMPLATE_CHARS)}"`;
    case 'rareWords':
      return `Rare words for this file: ${reason.words.map((w) => `"${shorten(w, 40)}"`).join(', ')}`;
    case 'severity': {
      const level = `${LEVEL_NAMES[reason.level] || 'Unknown'} level, shared by only ${percent(reason.share)} of lines`;
      return reason.spread ? `${level}; ${SPREAD_WORDS[reason.spread]}` : level;
    }
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
    case 'brokenInvariant':
      return describeInvariant(reason, templateText);
    case 'offSubspace': {
      const events = reason.events.map((event) => `${formatCount(event.count)} × "${shorten(templateText(event.templateId), 60)}" (about ${oneDecimal(Math.max(0, event.expected))} expected)`);
      return `Event counts off the pattern of normal sessions: ${events.join(', ')}`;
    }
    case 'rareTransition':
      return `"${shorten(templateText(reason.from), 60)}" directly followed by "${shorten(templateText(reason.to), 60)}", an order seen in only ${count(reason.sessions, 'session')} of ${formatCount(reason.totalSessions)}`;
  }
}

/** E.g. `3 × "Receiving block <BLK>" but 2 × "PacketResponder <NUM> for block <BLK> terminating": ...`. */
function describeInvariant(reason: Extract<Reason, { kind: 'brokenInvariant' }>, templateText: TemplateText): string {
  const quoted = (id: number): string => `"${shorten(templateText(id), 60)}"`;
  const has = (term: InvariantTermCount): string => `${formatCount(term.count)} × ${quoted(term.templateId)}`;
  const share = supportPercent(reason.support);
  const [first, second] = reason.terms;
  if (reason.terms.length === 1) {
    const expected = reason.constant === 0 ? 'none' : `exactly ${formatCount(reason.constant / first.coefficient)}`;
    return `${has(first)} where ${share} of sessions have ${expected}`;
  }
  const positive = reason.terms.filter((term) => term.coefficient > 0);
  const negative = reason.terms.filter((term) => term.coefficient < 0);
  if (reason.terms.length === 2 && positive.length === 1) {
    const ratio = first.coefficient === -second.coefficient ? 'as many of each' : `${formatCount(Math.abs(second.coefficient))} of the first for every ${formatCount(first.coefficient)} of the second`;
    return `${has(first)} but ${has(second)}: ${share} of sessions have ${ratio}`;
  }
  const side = (terms: readonly InvariantTermCount[]): string => terms.map((term) => `${Math.abs(term.coefficient) === 1 ? '' : `${Math.abs(term.coefficient)} × `}count(${quoted(term.templateId)})`).join(' + ');
  const counts = [...negative, ...positive].map(has);
  return `${counts.slice(0, -1).join(', ')} and ${counts[counts.length - 1]}, but ${share} of sessions have ${side(negative)} = ${side(positive)}`;
}

/** A support near 1 without rounding up to 100%, which would say no session breaks the rule: `99.96%`. */
function supportPercent(support: number): string {
  if (support >= 1) return '100%';
  const digits = support >= 0.999 ? 2 : 1;
  return `${(Math.floor(support * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`;
}

/** A compact count with its noun: `7.9k lines`. */
function count(n: number, noun: string): string {
  return `${formatCount(n)} ${wordFor(n, noun)}`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${oneDecimal(a / b)}x` : 'far';
}
