/**
 * Numbers and text as every surface writes them (the reasons, the CLI, the editor, the dashboard):
 * one implementation each, independent of the host's locale. Everything returned is plain text.
 */

/** 12,345 with thousands separators. */
export function groupDigits(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The word for `n` things: `line` for one, `lines` (or the plural given: `was`/`were`) otherwise. */
export function wordFor(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `1 line`, `12,345 lines`. */
export function plural(n: number, noun: string, nouns?: string): string {
  return `${groupDigits(n)} ${wordFor(n, noun, nouns)}`;
}

/** A count in a sentence, compact when large: 7, 2.5, 12.3k, 4.1M. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${oneDecimal(n / 1e9)}G`;
  if (abs >= 1e6) return `${oneDecimal(n / 1e6)}M`;
  if (abs >= 1e4) return `${oneDecimal(n / 1e3)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** A share as a percentage, as precise as its size needs: `<0.01%`, `0.25%`, `2.5%`, `37%`. */
export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0%';
  if (p < 0.01) return '<0.01%';
  if (p < 1) return `${p.toFixed(2)}%`;
  if (p < 10) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** `850 ms`, `4.2 s`, `3.5 min`, `2 h`, `3 days`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown time';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${oneDecimal(s)} s`;
  const m = s / 60;
  if (m < 120) return `${oneDecimal(m)} min`;
  const h = m / 60;
  if (h < 48) return `${oneDecimal(h)} h`;
  return `${oneDecimal(h / 24)} days`;
}

/** At most one decimal, none when it is zero: 2, 2.5. */
export function oneDecimal(value: number): string {
  return String(Number(value.toFixed(1)));
}

/**
 * Decimals of a score by where it is written: files keep enough for a sort to agree with the
 * engine's ranks; tables and thresholds (dashboard, CLI summary) three; labels beside a line
 * (editor, hover, Problems, reason sentences) two; chart axis ticks one.
 */
export const SCORE_DECIMALS = { file: 6, table: 3, label: 2, axis: 1 } as const;
export type ScorePrecision = keyof typeof SCORE_DECIMALS;

export function formatScore(score: number, precision: ScorePrecision): string {
  return score.toFixed(SCORE_DECIMALS[precision]);
}

/** A score as a number in a file (JSON): rounded as `formatScore(score, 'file')` writes it. */
export function roundScore(score: number): number {
  return Number(formatScore(score, 'file'));
}

/** Cuts text to at most `max` characters, an ellipsis marking the cut; the result is still plain text. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
