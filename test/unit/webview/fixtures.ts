// Dashboard states for the webview tests, generated from a few numbers so each test states what it needs.
import type { DashboardRows, DashboardSessions, DashboardState } from '../../../src/protocol';

export const URI = 'file:///logs/hdfs.log';
const START = Date.UTC(2008, 10, 9, 20, 35, 0);
const LEVELS = ['ERROR', 'WARN', 'INFO'];

export interface StateOptions {
  readonly rows?: number;
  readonly uri?: string;
  /** Message of row i (default `message i`). */
  readonly message?: (i: number) => string;
  readonly sessions?: DashboardSessions | null;
  readonly threshold?: number;
  readonly fileName?: string;
}

/** Row i: line 3i+1 (0-based), rank i+1, score falling from 0.99, level ERROR/WARN/INFO in turn, bucket i mod 10. */
export function makeRows(count: number, message: (i: number) => string = (i) => `message ${i}`): DashboardRows {
  const range = Array.from({ length: count }, (_, i) => i);
  return {
    total: count,
    line: range.map((i) => 3 * i + 1),
    rank: range.map((i) => i + 1),
    score: range.map((i) => 0.99 - (0.4 * i) / Math.max(1, count)),
    time: range.map((i) => (i % 50 === 49 ? null : START + i * 1000)),
    level: range.map((i) => LEVELS[i % 3]),
    bucket: range.map((i) => i % 10),
    template: range.map((i) => i % 2),
    message: range.map(message),
    reason: range.map((i) => `reason ${i}`),
    templates: ['Receiving block <BLK> src: <IP>', 'PacketResponder <NUM> for block <BLK> terminating'],
  };
}

export function makeSessions(): DashboardSessions {
  return {
    kind: 'hdfs-block',
    total: 300,
    flagged: 2,
    top: [
      { index: 17, id: 'blk_-1608999687919862906', rank: 1, score: 0.91, flagged: true, lines: 4, durationMs: 3000, reasons: ['Missing events that 98% of sessions have: "PacketResponder <NUM> for block <BLK> terminating"'] },
      { index: 42, id: 'blk_7503483334202473044', rank: 2, score: 0.84, flagged: true, lines: 6, durationMs: null, reasons: ['Event repeated 5 times (typical: 1): "Receiving block <BLK> src: <IP>"'] },
      { index: 3, id: 'blk_3587508140051953248', rank: 3, score: 0.41, flagged: false, lines: 10, durationMs: 1000, reasons: [] },
    ],
  };
}

export function makeState(options: StateOptions = {}): DashboardState {
  const rows = makeRows(options.rows ?? 100, options.message);
  return {
    uri: options.uri ?? URI,
    summary: {
      fileName: options.fileName ?? 'hdfs.log',
      location: '/logs/hdfs.log',
      bytes: 3 * 1024 * 1024,
      lines: 20_000,
      entries: 19_800,
      templates: 43,
      sessions: options.sessions === null ? 0 : 300,
      anomalies: rows.total,
      format: 'hdfs',
      model: 'Isolation Forest',
      elapsedMs: 1234,
      baselineLines: null,
    },
    threshold: options.threshold ?? 0.5,
    reportThreshold: 0.5,
    histogram: {
      edges: Array.from({ length: 51 }, (_, i) => i / 50),
      counts: Array.from({ length: 50 }, (_, i) => (i < 25 ? 1000 - i * 30 : i < 40 ? 20 : 2)),
    },
    timeline: {
      kind: 'time',
      hasYear: false,
      start: START,
      bucketSize: 60_000,
      lines: Array.from({ length: 10 }, () => 2000),
      anomalies: Array.from({ length: 10 }, () => rows.total / 10),
      errors: [1, 0, 2, 40, 1, 0, 0, 1, 0, 2],
      bursts: [3],
    },
    rows,
    sessions: options.sessions === undefined ? makeSessions() : options.sessions,
  };
}
