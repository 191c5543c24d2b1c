/**
 * The dashboard's state from an analysis report at a threshold: the summary, histogram bins,
 * timeline buckets with anomalies counted at that threshold, the top ranked lines (their text read
 * back through `readLines`) and the most anomalous sessions. Compact whatever the log's size: the
 * rows are capped, everything else is per bin, bucket or session.
 */
import { type AnalysisReport, describeReason, expectedTemplateIds, lineDetail, rankedLines, shorten, templateTextOf } from '../../analysis';
import type { DashboardLine, DashboardRows, DashboardSession, DashboardSessions, DashboardState, WebviewToHost } from '../../protocol';
import { formatOf } from '../text/lineFormat';
import { MODEL_LABELS } from '../text/wording';

/** Ranked lines sent to the dashboard; more are counted but not listed. */
export const DASHBOARD_ROW_LIMIT = 10_000;
/** Sessions listed, most anomalous first. */
export const DASHBOARD_SESSION_LIMIT = 100;
/** Lines listed for one opened session. */
export const SESSION_LINE_LIMIT = 1_000;
/** Characters of a message kept per row; the editor has the whole line. */
const MESSAGE_CHARS = 400;

/** Reads the text of lines (0-based) of the analysed log. */
export type ReadLines = (lines: ArrayLike<number>) => Promise<readonly string[]>;

export interface DashboardSource {
  readonly uri: string;
  readonly fileName: string;
  readonly location: string;
  readonly report: AnalysisReport;
  readonly threshold: number;
}

/** Lines flagged at `threshold` in all, and per timeline bucket. */
export function flaggedCounts(report: AnalysisReport, threshold: number): { total: number; perBucket: number[] } {
  const expected = expectedTemplateIds(report.templates);
  const perBucket = new Array<number>(report.timeline.lines.length).fill(0);
  const { vectors } = report;
  let total = 0;
  for (let v = 0; v < vectors.count; v++) {
    if (vectors.scores[v] < threshold || expected.has(vectors.templateIds[v])) continue;
    for (let k = vectors.lineStarts[v]; k < vectors.lineStarts[v + 1]; k++) {
      perBucket[report.lines.buckets[vectors.lines[k]]]++;
      total++;
    }
  }
  return { total, perBucket };
}

export async function buildDashboardState(source: DashboardSource, readLines: ReadLines, rowLimit = DASHBOARD_ROW_LIMIT): Promise<DashboardState> {
  const { report, threshold } = source;
  const counts = flaggedCounts(report, threshold);
  const timeline = report.timeline;
  return {
    uri: source.uri,
    summary: {
      fileName: source.fileName,
      location: source.location,
      bytes: report.stats.bytes,
      lines: report.stats.lines,
      entries: report.stats.entries,
      templates: report.stats.templates,
      sessions: report.stats.sessions,
      anomalies: counts.total,
      format: report.stats.headerProfile !== null ? `${report.stats.format}: ${report.stats.formatStructure}` : report.stats.format,
      model: MODEL_LABELS[report.options.model],
      elapsedMs: report.stats.elapsedMs,
      baselineLines: report.stats.baselineLines,
    },
    threshold,
    reportThreshold: report.threshold,
    histogram: { edges: [...report.histogram.edges], counts: [...report.histogram.counts] },
    timeline: {
      kind: timeline.kind,
      hasYear: timeline.hasYear,
      start: timeline.start,
      bucketSize: timeline.bucketSize,
      lines: [...timeline.lines],
      anomalies: counts.perBucket,
      errors: [...timeline.errors],
      bursts: [...timeline.bursts],
    },
    rows: await rankedRows(report, threshold, counts.total, readLines, rowLimit),
    sessions: topSessions(report),
  };
}

async function rankedRows(report: AnalysisReport, threshold: number, total: number, readLines: ReadLines, limit: number): Promise<DashboardRows> {
  const lines = rankedLines(report.vectors, threshold, expectedTemplateIds(report.templates), limit);
  const texts = await readLines(lines);
  const format = formatOf(report);
  const templateIndex = new Map<number, number>();
  const templates: string[] = [];
  const rows = {
    total,
    line: [] as number[],
    rank: [] as number[],
    score: [] as number[],
    time: [] as (number | null)[],
    level: [] as string[],
    bucket: [] as number[],
    template: [] as number[],
    message: [] as string[],
    reason: [] as string[],
    templates,
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const detail = lineDetail(report, line, texts[i] ?? '', format);
    let index = templateIndex.get(detail.templateId);
    if (index === undefined) {
      index = templates.length;
      templates.push(detail.template);
      templateIndex.set(detail.templateId, index);
    }
    rows.line.push(line);
    rows.rank.push(detail.rank);
    rows.score.push(detail.score);
    rows.time.push(Number.isFinite(detail.time) ? detail.time : null);
    rows.level.push(detail.level);
    rows.bucket.push(report.lines.buckets[line]);
    rows.template.push(index);
    rows.message.push(shorten(detail.message, MESSAGE_CHARS));
    rows.reason.push(detail.reasonTexts[0] ?? '');
  }
  return rows;
}

function topSessions(report: AnalysisReport, limit = DASHBOARD_SESSION_LIMIT): DashboardSessions | null {
  const sessions = report.sessions;
  if (sessions.count === 0) return null;
  const order = Array.from({ length: sessions.count }, (_, s) => s)
    .sort((a, b) => sessions.scores[b] - sessions.scores[a] || a - b)
    .slice(0, limit);
  const templateText = templateTextOf(report);
  const top: DashboardSession[] = order.map((s) => ({
    index: s,
    id: sessions.ids[s],
    rank: sessions.ranks[s],
    score: sessions.scores[s],
    flagged: sessions.flagged[s] === 1,
    lines: sessions.lineCounts[s],
    durationMs: Number.isFinite(sessions.durationsMs[s]) ? sessions.durationsMs[s] : null,
    reasons: (sessions.reasons[s] ?? []).map((reason) => describeReason(reason, templateText)),
  }));
  return { kind: report.stats.sessionKind, total: sessions.count, flagged: report.stats.anomalousSessions, top };
}

/** The lines of session `session` in file order (at most `limit` of them), as the session list shows them. */
export async function sessionLines(
  report: AnalysisReport,
  session: number,
  threshold: number,
  readLines: ReadLines,
  limit = SESSION_LINE_LIMIT,
): Promise<{ lines: DashboardLine[]; total: number }> {
  const { memberStarts, members } = report.sessions;
  if (!Number.isInteger(session) || session < 0 || session >= report.sessions.count) return { lines: [], total: 0 };
  const all = members.subarray(memberStarts[session], memberStarts[session + 1]);
  const wanted = all.subarray(0, limit);
  const texts = await readLines(wanted);
  const format = formatOf(report);
  const expected = expectedTemplateIds(report.templates);
  const lines = Array.from(wanted, (line, i): DashboardLine => {
    const detail = lineDetail(report, line, texts[i] ?? '', format);
    return {
      line,
      score: detail.score,
      flagged: detail.templateId >= 0 && detail.score >= threshold && !expected.has(detail.templateId),
      time: Number.isFinite(detail.time) ? detail.time : null,
      level: detail.level,
      message: shorten(detail.message, MESSAGE_CHARS),
    };
  });
  return { lines, total: all.length };
}

/** The webview is a page like any other: check what it sends before acting on it. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  const isUri = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
  const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
  switch (message.type) {
    case 'ready':
      return message.uri === null || isUri(message.uri) ? { type: 'ready', uri: message.uri } : undefined;
    case 'setThreshold':
      return isUri(message.uri) && typeof message.threshold === 'number' && message.threshold >= 0 && message.threshold <= 1
        ? { type: 'setThreshold', uri: message.uri, threshold: message.threshold }
        : undefined;
    case 'reveal':
      return isUri(message.uri) && isIndex(message.line) ? { type: 'reveal', uri: message.uri, line: message.line } : undefined;
    case 'sessionLines':
      return isUri(message.uri) && isIndex(message.session) ? { type: 'sessionLines', uri: message.uri, session: message.session } : undefined;
    default:
      return undefined;
  }
}
