/**
 * What a person sees about one line: its score, rank, level, template, time, message and reasons,
 * from the report plus the line's text read back by offset.
 */
import { createLearnedFormat, resolveFormat, type LogFormat, type ParsedLine } from '../formats';
import { LEVEL_NAMES, Level } from '../formats/levels';
import { explainLine } from './explain';
import { describeReason, type Reason } from './reasons';
import type { AnalysisReport } from './report';

export interface LineDetail {
  /** 0-based. */
  readonly line: number;
  readonly score: number;
  readonly rank: number;
  readonly flagged: boolean;
  readonly level: string;
  readonly templateId: number;
  readonly template: string;
  /** ms since the epoch (the log's wall clock as UTC), NaN without a timestamp. */
  readonly time: number;
  readonly message: string;
  readonly reasons: readonly Reason[];
  /** One sentence per reason, in the same order. */
  readonly reasonTexts: readonly string[];
}

/** The format the report's log was parsed with, to split lines read back for display. */
export function reportFormat(report: AnalysisReport): LogFormat {
  if (report.stats.headerProfile !== null) return createLearnedFormat(report.stats.headerProfile);
  const option = report.stats.format === 'custom' ? report.options.format : report.stats.format;
  try {
    return resolveFormat(option, []);
  } catch {
    return resolveFormat('generic', []);
  }
}

export function templateTextOf(report: AnalysisReport): (id: number) => string {
  return (id) => report.templates[id]?.text ?? '';
}

export function lineDetail(report: AnalysisReport, line: number, text: string, format: LogFormat): LineDetail {
  const v = report.lines.vectorIds[line];
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: text };
  const isHeader = format.parse(text, parsed);
  const reasons = explainLine(report, line);
  const templateText = templateTextOf(report);
  const templateId = v >= 0 ? report.vectors.templateIds[v] : -1;
  return {
    line,
    score: v >= 0 ? report.vectors.scores[v] : 0,
    rank: v >= 0 ? report.vectors.ranks[v] : report.lines.count,
    flagged: v >= 0 && report.vectors.flagged[v] === 1,
    level: v >= 0 ? LEVEL_NAMES[report.vectors.levels[v]] : '',
    templateId,
    template: templateId >= 0 ? templateText(templateId) : '',
    time: isHeader ? parsed.timestamp : NaN,
    message: isHeader ? parsed.message : text,
    reasons,
    reasonTexts: reasons.map((reason) => describeReason(reason, templateText)),
  };
}
