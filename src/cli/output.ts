/** What the CLI prints: a readable summary with the top anomalies, or the same as JSON. */
import { basename } from 'node:path';
import { type AnalysisReport, anomalyRecord, type AnomalyRecord, describeReason, formatDuration, formatScore, groupDigits, lineDetail, lineFields, percent, plural, reportFormat, roundScore, shorten, templateTextOf, wordFor } from '../analysis';

export interface SessionRecord {
  readonly session: string;
  readonly rank: number;
  readonly score: number;
  readonly firstLine: number;
  readonly lines: number;
  readonly reasons: readonly string[];
}

export interface CliResult {
  readonly file: string;
  readonly baseline: string | null;
  readonly model: string;
  readonly contamination: string;
  readonly threshold: number;
  readonly sessionThreshold: number;
  readonly maxLineBytes: number;
  readonly stats: AnalysisReport['stats'];
  readonly anomalies: readonly AnomalyRecord[];
  readonly sessions: readonly SessionRecord[];
}

/**
 * The top `top` anomalies and flagged sessions, with their texts (`texts[i]` is line `report.anomalies[i]`,
 * `entryTexts[i]` the first line of its entry: the same line but in a stack trace).
 */
export function cliResult(report: AnalysisReport, file: string, baseline: string | null, top: number, texts: readonly string[], entryTexts: readonly string[]): CliResult {
  const format = reportFormat(report);
  const anomalies = texts.map((text, i) => {
    const line = report.anomalies[i];
    return anomalyRecord(lineDetail(report, line, text, format), text, lineFields(report, line, entryTexts[i], format));
  });
  return {
    file,
    baseline,
    model: report.options.model,
    contamination: String(report.options.contamination),
    threshold: roundScore(report.threshold),
    sessionThreshold: roundScore(report.sessionThreshold),
    maxLineBytes: report.options.maxLineBytes,
    stats: report.stats,
    anomalies,
    sessions: topSessions(report, top),
  };
}

function topSessions(report: AnalysisReport, top: number): SessionRecord[] {
  const { sessions } = report;
  const templateText = templateTextOf(report);
  const flagged: number[] = [];
  for (let s = 0; s < sessions.count; s++) if (sessions.flagged[s]) flagged.push(s);
  flagged.sort((a, b) => sessions.scores[b] - sessions.scores[a] || sessions.firstLines[a] - sessions.firstLines[b]);
  return flagged.slice(0, top).map((s) => ({
    session: sessions.ids[s],
    rank: sessions.ranks[s],
    score: roundScore(sessions.scores[s]),
    firstLine: sessions.firstLines[s] + 1,
    lines: sessions.lineCounts[s],
    reasons: sessions.reasons[s].map((reason) => describeReason(reason, templateText)),
  }));
}

export function formatSummary(result: CliResult, columns: number): string {
  const { stats } = result;
  const out: string[] = [];
  const sessionPart = stats.sessions > 0 ? `, ${plural(stats.sessions, 'session')} (${stats.sessionKind})` : ', no sessions';
  out.push(`${basename(result.file)}: ${plural(stats.lines, 'line')}, ${plural(stats.templates, 'template')}${sessionPart}, format ${stats.format}${stats.headerProfile !== null ? ` (${stats.formatStructure})` : ''}`);
  if (result.baseline !== null) out.push(`Compared with baseline ${basename(result.baseline)} (${groupDigits(stats.baselineLines ?? 0)} lines)`);
  const sessionsFlagged = stats.sessions > 0 ? `, ${plural(stats.anomalousSessions, 'anomalous session')}${stats.sessionModel === null ? '' : ` (${stats.sessionModel})`}` : '';
  out.push(
    `Model ${result.model}, threshold ${formatScore(result.threshold, 'table')} (${result.contamination}): ` +
      `${plural(stats.anomalies, 'anomalous line')} (${percent(stats.lines > 0 ? stats.anomalies / stats.lines : 0)})${sessionsFlagged}`,
  );
  out.push(`Time: ${formatDuration(stats.elapsedMs)}`);
  if (stats.truncatedLines > 0) {
    out.push(`Note: ${plural(stats.truncatedLines, 'line')} longer than ${groupDigits(result.maxLineBytes)} bytes ${wordFor(stats.truncatedLines, 'was', 'were')} analysed by their first ${groupDigits(result.maxLineBytes)} bytes.`);
  }
  if (stats.invalidUtf8Lines > 0) out.push(`Note: ${plural(stats.invalidUtf8Lines, 'line')} had bytes that are not valid UTF-8 (shown as \uFFFD).`);

  if (result.anomalies.length > 0) {
    out.push('', `Top ${plural(result.anomalies.length, 'anomaly', 'anomalies')}`);
    out.push(`${'rank'.padStart(6)}  ${'line'.padStart(8)}  score  reason`);
    const indent = ' '.repeat(6 + 2 + 8 + 2 + 5 + 2);
    for (const a of result.anomalies) {
      out.push(`${String(a.rank).padStart(6)}  ${String(a.line).padStart(8)}  ${formatScore(a.score, 'table')}  ${clipTo(a.reasons[0] ?? '', columns - indent.length)}`);
      out.push(`${indent}${clipTo(a.text, columns - indent.length)}`);
    }
  } else if (stats.lines > 0 && stats.anomalies === 0) {
    out.push('', 'No anomalous lines.');
  }
  if (result.sessions.length > 0) {
    out.push('', `Top ${plural(result.sessions.length, 'anomalous session')}`);
    for (const s of result.sessions) {
      out.push(`  ${s.session}  score ${formatScore(s.score, 'table')}, ${plural(s.lines, 'line')} from line ${s.firstLine}`);
      for (const reason of s.reasons.slice(0, 2)) out.push(`      ${clipTo(reason, columns - 6)}`);
    }
  }
  return out.map(terminalSafe).join('\n') + '\n';
}

/**
 * Characters that would act on a terminal rather than show: C0 controls but the tab (ESC starts
 * colour, cursor and title sequences), DEL, C1 controls (U+009B is a one-character CSI), the line
 * and paragraph separators, and the bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069).
 */
const UNSAFE_PAST_C0 = '\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const TERMINAL_UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f${UNSAFE_PAST_C0}]`, 'g');
/** What JSON.stringify leaves raw: it escapes C0 controls in strings, and its own line breaks must stay. */
const UNSAFE_IN_JSON = new RegExp(`[${UNSAFE_PAST_C0}]`, 'g');

function visibleEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Everything from a log or a file name passes through here before it reaches the terminal: each
 * unsafe character shows as a visible escape (`\x1B`, `\u202E`) and a tab as a space, so text can
 * neither move the cursor, set the title, recolour the screen nor reorder what is shown.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visibleEscape).replace(/\t/g, ' ');
}

/**
 * JSON with the unsafe characters JSON.stringify leaves raw (it escapes the C0 controls itself)
 * escaped too: the same value, safe to print (`indent` 0: one line).
 */
export function terminalSafeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Cut to the terminal's width, but never below 20 characters. */
export function clipTo(text: string, width: number): string {
  return shorten(text, Math.max(20, width));
}
