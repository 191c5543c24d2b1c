/**
 * Numbers, times and timeline buckets as the dashboard writes them. Times are the log's own wall
 * clock, stored as UTC, so they are formatted in UTC and never shifted to the viewer's time zone.
 */
import type { DashboardTimeline } from '../protocol';
import { groupDigits, plural } from '../analysis/util/text';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** 850 ms, 4.2 s, 3 min 5 s, 1 h 20 min */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms === 0) return '0 s';
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(ms < 10 * SECOND ? 1 : 0)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ${Math.round((ms % MINUTE) / SECOND)} s`;
  return `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / MINUTE)} min`;
}

/** A bucket width in words: `1 second`, `5 minutes`, `2 hours`, `120 lines`. */
export function formatBucketSize(timeline: Pick<DashboardTimeline, 'kind' | 'bucketSize'>): string {
  const size = timeline.bucketSize;
  if (timeline.kind === 'lines') return plural(size, 'line');
  if (size >= DAY && size % DAY === 0) return plural(size / DAY, 'day');
  if (size >= HOUR && size % HOUR === 0) return plural(size / HOUR, 'hour');
  if (size >= MINUTE && size % MINUTE === 0) return plural(size / MINUTE, 'minute');
  if (size >= SECOND && size % SECOND === 0) return plural(size / SECOND, 'second');
  return plural(size, 'millisecond');
}

const two = (n: number): string => String(n).padStart(2, '0');

function datePart(date: Date, hasYear: boolean): string {
  const monthDay = `${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
  return hasYear ? `${date.getUTCFullYear()}-${monthDay}` : monthDay;
}

function clockPart(date: Date, seconds: boolean): string {
  const hm = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
  if (!seconds) return hm;
  const ms = date.getUTCMilliseconds();
  return `${hm}:${two(date.getUTCSeconds())}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`}`;
}

/** `2008-11-09 20:35:18` (`11-09 20:35:18` when the log's timestamps carry no year), '' for null. */
export function formatTimestamp(ms: number | null, hasYear: boolean): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const date = new Date(ms);
  return `${datePart(date, hasYear)} ${clockPart(date, true)}`;
}

/** Short axis label of a timeline bucket: its start, as precise as the bucket size needs. */
export function bucketLabel(timeline: DashboardTimeline, index: number): string {
  if (timeline.kind === 'lines') return groupDigits(timeline.start + index * timeline.bucketSize + 1);
  const date = new Date(timeline.start + index * timeline.bucketSize);
  if (timeline.bucketSize >= DAY) return datePart(date, timeline.hasYear);
  const clock = clockPart(date, timeline.bucketSize < MINUTE);
  const last = new Date(timeline.start + (timeline.lines.length - 1) * timeline.bucketSize);
  const severalDays = datePart(new Date(timeline.start), true) !== datePart(last, true);
  return severalDays ? `${datePart(date, false)} ${clock}` : clock;
}

/** The full extent of a bucket, for tooltips and the list's filter chip: `2008-11-09 20:30:00 – 20:35:00`, `Lines 1–120`. */
export function bucketRange(timeline: DashboardTimeline, index: number): string {
  const from = timeline.start + index * timeline.bucketSize;
  const to = from + timeline.bucketSize;
  if (timeline.kind === 'lines') return `Lines ${groupDigits(from + 1)}–${groupDigits(to)}`;
  const start = new Date(from);
  const end = new Date(to);
  const endText = datePart(start, true) === datePart(end, true) ? clockPart(end, true) : formatTimestamp(to, timeline.hasYear);
  return `${formatTimestamp(from, timeline.hasYear)} – ${endText}`;
}
