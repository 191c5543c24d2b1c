/**
 * The format a report's log was parsed with, to split lines read back for display (the message
 * without timestamp, level and component). Resolving a format can mean compiling a user's regex,
 * so it happens once per report.
 */
import { type AnalysisReport, Level, type LogFormat, type ParsedLine, reportFormat } from '../../analysis';

const formats = new WeakMap<AnalysisReport, LogFormat>();

export function formatOf(report: AnalysisReport): LogFormat {
  let format = formats.get(report);
  if (format === undefined) {
    format = reportFormat(report);
    formats.set(report, format);
  }
  return format;
}

/** The message part of a line; the whole line when the format does not split it (a continuation line). */
export function messageOf(report: AnalysisReport, text: string): string {
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: text };
  return formatOf(report).parse(text, parsed) && parsed.message.trim().length > 0 ? parsed.message : text;
}
