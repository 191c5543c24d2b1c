import { digitsAt, WallClock } from '../timestamps';
import { levelAt, messageFrom, tokenEnd } from '../fields';
import type { LogFormat, ParsedLine } from '../types';

const clock = new WallClock();

/**
 * Blue Gene/L RAS log: alert label (`-` or a category such as KERNDTLB), epoch seconds, date, node, full time,
 * node again, type, component, level, message:
 * `- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO msg`
 * The timestamp is the full time field (wall clock); the label is ground truth, not part of the entry.
 */
export const BGL_FORMAT: LogFormat = {
  name: 'bgl',
  label: 'BGL (Blue Gene/L RAS)',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    const label = tokenEnd(line, 0);
    if (label === 0 || label === line.length) return false;
    let i = label + 1;
    if (digitsAt(line, i, 10) < 0 || line.charCodeAt(i + 10) !== 32) return false;
    i += 11;
    // 2005.06.03
    if (line.charCodeAt(i + 4) !== 46 || line.charCodeAt(i + 7) !== 46 || line.charCodeAt(i + 10) !== 32) return false;
    i = tokenEnd(line, i + 11) + 1; // node
    // 2005-06-03-15.42.50.675872
    const t = i;
    const year = digitsAt(line, t, 4);
    const month = digitsAt(line, t + 5, 2);
    const day = digitsAt(line, t + 8, 2);
    const hour = digitsAt(line, t + 11, 2);
    const minute = digitsAt(line, t + 14, 2);
    const second = digitsAt(line, t + 17, 2);
    const micros = digitsAt(line, t + 20, 6);
    if ((year | month | day | hour | minute | second | micros) < 0 || line.charCodeAt(t + 26) !== 32) return false;
    const timestamp = clock.toMs(year, month, day, hour, minute, second, Math.floor(micros / 1000));
    if (Number.isNaN(timestamp)) return false;
    i = tokenEnd(line, t + 27) + 1; // node again
    i = tokenEnd(line, i) + 1; // type (RAS)
    const componentEnd = tokenEnd(line, i);
    if (componentEnd >= line.length) return false;
    const levelEnd = tokenEnd(line, componentEnd + 1);
    out.timestamp = timestamp;
    out.timestampStart = t;
    out.timestampEnd = t + 26;
    out.component = line.slice(i, componentEnd);
    out.level = levelAt(line, componentEnd + 1, levelEnd);
    if (levelEnd < line.length) messageFrom(line, levelEnd + 1, out);
    else out.message = '';
    return true;
  },
};
