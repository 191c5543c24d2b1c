import { centuryYear, digitsAt, isDigit, WallClock } from '../timestamps';
import { componentThenMessage, levelAt } from '../fields';
import type { LogFormat, ParsedLine } from '../types';

const clock = new WallClock();

/** `081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865 terminating` */
export const HDFS_FORMAT: LogFormat = {
  name: 'hdfs',
  label: 'HDFS DataNode/NameNode',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    if (line.charCodeAt(6) !== 32 || line.charCodeAt(13) !== 32) return false;
    const date = digitsAt(line, 0, 6);
    const time = digitsAt(line, 7, 6);
    if (date < 0 || time < 0) return false;
    let i = 14;
    while (isDigit(line.charCodeAt(i))) i++;
    if (i === 14 || line.charCodeAt(i) !== 32) return false;
    const levelStart = ++i;
    while (isUpperCase(line.charCodeAt(i))) i++;
    if (i === levelStart || line.charCodeAt(i) !== 32) return false;
    const timestamp = clock.toMs(
      centuryYear(Math.floor(date / 10000)),
      Math.floor(date / 100) % 100,
      date % 100,
      Math.floor(time / 10000),
      Math.floor(time / 100) % 100,
      time % 100,
      0,
    );
    if (Number.isNaN(timestamp)) return false;
    out.timestamp = timestamp;
    out.timestampStart = 0;
    out.timestampEnd = 13;
    out.level = levelAt(line, levelStart, i);
    componentThenMessage(line, i + 1, out);
    return true;
  },
};

export function isUpperCase(code: number): boolean {
  return code >= 65 && code <= 90;
}
