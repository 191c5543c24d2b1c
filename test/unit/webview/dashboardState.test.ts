import * as assert from 'node:assert/strict';
import { type AnalysisReport, analyzeLog, isLineFlagged, textSource } from '../../../src/analysis';
import { buildDashboardState, flaggedCounts, parseWebviewMessage, sessionLines, type ReadLines } from '../../../src/editor/dashboard/dashboardState';
import type { DashboardState, HostToWebview } from '../../../src/protocol';
import { hdfsLog, HDFS_ERROR_LINE } from '../pipeline/syntheticLogs';

const PAYLOAD = `<img src=x onerror="document.title='pwned'"><script>window.__pwned=1</script>`;

describe('dashboard state (host side)', () => {
  const planted = hdfsLog({ blocks: 300, seed: 11, truncatedBlocks: [120] });
  const payloadLine = `081109 213000 19 WARN dfs.DataNode$DataXceiver: Unexpected client name ${PAYLOAD} rejected`;
  const lines = [...planted.lines.slice(0, 1500), HDFS_ERROR_LINE, payloadLine, ...planted.lines.slice(1500)];
  const readLines: ReadLines = async (wanted) => Array.from(wanted, (line) => lines[line] ?? '');
  let report: AnalysisReport;
  let state: DashboardState;

  before(async () => {
    report = await analyzeLog({ log: textSource(`${lines.join('\n')}\n`) });
    state = await buildDashboardState({ uri: 'file:///logs/hdfs.log', fileName: 'hdfs.log', location: '/logs/hdfs.log', report, threshold: report.threshold }, readLines);
  });

  it('summarises the report', () => {
    assert.equal(state.summary.lines, lines.length);
    assert.equal(state.summary.format, 'hdfs');
    assert.equal(state.summary.model, 'Isolation Forest');
    assert.equal(state.summary.sessions, report.stats.sessions);
    assert.equal(state.threshold, report.threshold);
    assert.equal(state.histogram.counts.reduce((sum, count) => sum + count, 0), report.histogram.counts.reduce((sum, count) => sum + count, 0));
  });

  it('lists the flagged lines in rank order with their text, level, time and first reason', () => {
    const flagged = Array.from({ length: report.lines.count }, (_, line) => line).filter((line) => isLineFlagged(report, line));
    assert.equal(state.rows.total, flagged.length);
    assert.equal(state.summary.anomalies, flagged.length);
    assert.deepEqual([...state.rows.line].sort((a, b) => a - b), flagged);
    for (let i = 1; i < state.rows.rank.length; i++) assert.ok(state.rows.rank[i - 1] <= state.rows.rank[i]);
    const error = state.rows.line.indexOf(1500);
    assert.ok(error >= 0, 'the planted error line is listed');
    assert.equal(state.rows.level[error], 'WARN');
    assert.ok(lines[1500].endsWith(state.rows.message[error]));
    assert.equal(state.rows.time[error], Date.UTC(2008, 10, 9, 20, 35, 18));
    assert.notEqual(state.rows.reason[error], '');
    assert.equal(state.rows.bucket[error], report.lines.buckets[1500]);
    assert.match(state.rows.templates[state.rows.template[error]], /<\*>|<[A-Z]+>/);
  });

  it('carries log text as it is: escaping is the webview’s job', () => {
    const payload = state.rows.line.indexOf(1501);
    assert.ok(payload >= 0, 'the payload line is flagged');
    assert.equal(state.rows.message[payload], `Unexpected client name ${PAYLOAD} rejected`);
  });

  it('counts anomalies per timeline bucket at the threshold in effect', () => {
    assert.equal(state.timeline.anomalies.reduce((sum, count) => sum + count, 0), state.rows.total);
    assert.deepEqual(state.timeline.lines, report.timeline.lines);
    const higher = flaggedCounts(report, 0.9);
    assert.ok(higher.total < state.rows.total);
    assert.equal(higher.perBucket.reduce((sum, count) => sum + count, 0), higher.total);
    assert.equal(flaggedCounts(report, 0).total, report.lines.vectorIds.filter((v) => v >= 0).length);
  });

  it('follows a moved threshold and caps the rows it sends, not the count', async () => {
    const lowered = await buildDashboardState({ uri: 'u', fileName: 'f', location: 'l', report, threshold: 0 }, readLines, 500);
    assert.equal(lowered.threshold, 0);
    assert.equal(lowered.rows.line.length, 500);
    assert.equal(lowered.rows.total, report.lines.vectorIds.filter((v) => v >= 0).length);
    assert.ok(lowered.rows.score.every((score, i) => i === 0 || score <= lowered.rows.score[i - 1]));
  });

  it('lists the most anomalous sessions with their reasons, and a session’s lines in file order', async () => {
    const sessions = state.sessions!;
    assert.equal(sessions.kind, 'hdfs-block');
    assert.equal(sessions.total, report.sessions.count);
    for (let i = 1; i < sessions.top.length; i++) assert.ok(sessions.top[i - 1].score >= sessions.top[i].score);
    const truncated = sessions.top.find((session) => session.id === planted.blockIds[120]);
    assert.ok(truncated, 'the truncated block is among the top sessions');
    assert.ok(truncated.reasons.some((reason) => reason.startsWith('Missing events')), truncated.reasons.join(' | '));

    const answer = await sessionLines(report, truncated.index, state.threshold, readLines);
    assert.equal(answer.total, report.sessions.lineCounts[truncated.index]);
    assert.ok(answer.lines.every((line) => lines[line.line].includes(planted.blockIds[120])));
    assert.deepEqual(answer.lines.map((line) => line.line), [...answer.lines.map((line) => line.line)].sort((a, b) => a - b));
    assert.deepEqual(await sessionLines(report, report.sessions.count + 5, 0.5, readLines), { lines: [], total: 0 });
  });

  it('survives structured clone and JSON: what postMessage and setState do to it', () => {
    const message: HostToWebview = { type: 'state', state };
    assert.deepEqual(structuredClone(message), message);
    assert.deepEqual(JSON.parse(JSON.stringify(message)), message);
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', uri: null }), { type: 'ready', uri: null });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', uri: 'file:///a.log', line: 3, extra: 1 }), { type: 'reveal', uri: 'file:///a.log', line: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'setThreshold', uri: 'file:///a.log', threshold: 0.7 }), { type: 'setThreshold', uri: 'file:///a.log', threshold: 0.7 });
    assert.deepEqual(parseWebviewMessage({ type: 'sessionLines', uri: 'file:///a.log', session: 2 }), { type: 'sessionLines', uri: 'file:///a.log', session: 2 });
    for (const bad of [null, 'reveal', { type: 'reveal', uri: 'file:///a.log', line: -1 }, { type: 'reveal', uri: 'file:///a.log', line: 1.5 }, { type: 'setThreshold', uri: 'x', threshold: Number.NaN }, { type: 'setThreshold', uri: 'x', threshold: 2 }, { type: 'reveal', uri: '', line: 1 }, { type: 'run', command: 'rm' }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
