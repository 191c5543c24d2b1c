import { centuryYear, digitsAt, WallClock } from '../timestamps';
import { componentThenMessage, levelAt } from '../fields';
import { isUpperCase } from './hdfs';
import type { LogFormat, ParsedLine } from '../types';

const clock = new WallClock();

/** Spark's default log4j layout: `17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered ...` */
export const SPARK_FORMAT: LogFormat = {
  name: 'spark',
  label: 'Spark (log4j yy/MM/dd)',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    if (line.charCodeAt(2) !== 47 || line.charCodeAt(5) !== 47 || line.charCodeAt(8) !== 32) return false;
    if (line.charCodeAt(11) !== 58 || line.charCodeAt(14) !== 58 || line.charCodeAt(17) !== 32) return false;
    const year = digitsAt(line, 0, 2);
    const month = digitsAt(line, 3, 2);
    const day = digitsAt(line, 6, 2);
    const hour = digitsAt(line, 9, 2);
    const minute = digitsAt(line, 12, 2);
    const second = digitsAt(line, 15, 2);
    if ((year | month | day | hour | minute | second) < 0) return false;
    let i = 18;
    while (isUpperCase(line.charCodeAt(i))) i++;
    if (i === 18 || (i < line.length && line.charCodeAt(i) !== 32)) return false;
    const timestamp = clock.toMs(centuryYear(year), month, day, hour, minute, second, 0);
    if (Number.isNaN(timestamp)) return false;
    out.timestamp = timestamp;
    out.timestampStart = 0;
    out.timestampEnd = 17;
    out.level = levelAt(line, 18, i);
    componentThenMessage(line, i + 1, out);
    return true;
  },
};
