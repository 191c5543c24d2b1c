import assert from 'node:assert/strict';
import { AnalysisError, type AnalysisReport, analyzeLog, bytesSource, CancelledError, describeReason, explainLine, linesCsv, type Progress, sessionsCsv, templatesCsv, textSource } from '../../../src/analysis';
import { hdfsLog, HDFS_ERROR_LINE, Lcg } from './syntheticLogs';

async function linesCsvText(report: AnalysisReport, text: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of linesCsv(report, textSource(text))) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function csv(report: AnalysisReport, text: string): Promise<string> {
  return [await linesCsvText(report, text), ...templatesCsv(report), ...sessionsCsv(report)].join('');
}

async function analyzeText(text: string, options = {}): Promise<AnalysisReport> {
  return analyzeLog({ log: textSource(text) }, options);
}

describe('analyzeLog', () => {
  const planted = hdfsLog({ blocks: 400, seed: 7, truncatedBlocks: [137] });
  // The rare error goes right after line 2000.
  const withError = [...planted.lines.slice(0, 2001), HDFS_ERROR_LINE, ...planted.lines.slice(2001)];
  const plantedLine = 2001;
  const text = withError.join('\n') + '\n';

  it('ranks a planted rare error line first, with reasons a person can read', async () => {
    const report = await analyzeText(text);
    assert.equal(report.stats.lines, withError.length);
    assert.equal(report.stats.format, 'hdfs');
    assert.equal(report.anomalies[0], plantedLine);
    const reasons = explainLine(report, plantedLine).map((reason) => reason.kind);
    assert.ok(reasons.includes('rareTemplate'), `reasons: ${reasons.join(', ')}`);
    assert.ok(reasons.includes('severity'), `reasons: ${reasons.join(', ')}`);
  });

  it('records the time of each stage, and the memory the host reports as each stage ends', async () => {
    let reading = 0;
    const report = await analyzeLog({ log: textSource(text) }, {}, { memoryBytes: () => 1_000_000 + 1000 * ++reading });
    const stages = ['reading', 'features', 'training', 'scoring', 'sessions', 'explaining'] as const;
    assert.deepEqual(Object.keys(report.stats.stageMs).sort(), [...stages].sort());
    // One reading per stage end, in stage order.
    assert.deepEqual(stages.map((stage) => report.stats.stageBytes[stage]), stages.map((_, i) => 1_000_000 + 1000 * (i + 1)));
    assert.deepEqual((await analyzeText(text)).stats.stageBytes, {}, 'without the hook there is nothing to report');
  });

  it('flags the session that misses its final steps, with the missing events as reason', async () => {
    const report = await analyzeText(text);
    assert.equal(report.stats.sessionKind, 'hdfs-block');
    const truncatedId = planted.blockIds[137];
    const s = report.sessions.ids.indexOf(truncatedId);
    assert.ok(s >= 0);
    assert.equal(report.sessions.flagged[s], 1);
    // The two planted sessions lead: the truncated one and the error line's one-line session.
    const errorSession = report.sessions.ids.indexOf('blk_-1608999687919862906');
    assert.deepEqual([report.sessions.ranks[s], report.sessions.ranks[errorSession]].sort(), [1, 2]);
    const kinds = report.sessions.reasons[s].map((reason) => reason.kind);
    assert.ok(kinds.includes('missingEvents'), `reasons: ${kinds.join(', ')}`);
    // A complete session is not flagged.
    const normal = report.sessions.ids.indexOf(planted.blockIds[10]);
    assert.equal(report.sessions.flagged[normal], 0);
  });

  it('gives the same bytes twice for the same input and seed', async () => {
    const first = await csv(await analyzeText(text, { seed: 3 }), text);
    const second = await csv(await analyzeText(text, { seed: 3 }), text);
    assert.equal(first, second);
  });

  it('treats CRLF like LF', async () => {
    const lf = await analyzeText(text);
    const crlf = await analyzeText(withError.join('\r\n') + '\r\n');
    assert.deepEqual(Array.from(crlf.vectors.scores), Array.from(lf.vectors.scores));
    assert.deepEqual(Array.from(crlf.anomalies), Array.from(lf.anomalies));
  });

  it('answers an empty log with an empty report', async () => {
    const report = await analyzeText('');
    assert.equal(report.stats.lines, 0);
    assert.equal(report.anomalies.length, 0);
    assert.equal(report.sessions.count, 0);
  });

  it('keeps a last line without a newline, and a single line', async () => {
    const report = await analyzeText('2024-01-01 10:00:00 INFO app: started');
    assert.equal(report.stats.lines, 1);
    assert.equal(report.stats.entries, 1);
    assert.equal((await linesCsvText(report, '2024-01-01 10:00:00 INFO app: started')).trim().split('\n').length, 2);
  });

  it('writes each line\'s session in lines.csv as a CSV field, whatever its characters', async () => {
    const users = ['zoë', 'a,"b"', 'ascii', '日本'];
    const text = Array.from({ length: 40 }, (_, i) => `2024-01-01 10:00:${String(i).padStart(2, '0')} INFO app: login user=${users[i % users.length]}`).join('\n') + '\n';
    const report = await analyzeText(text, { sessionKey: 'user=(\\S+)' });
    assert.equal(report.sessions.count, users.length);
    const rows = (await linesCsvText(report, text)).trim().split('\n').slice(1);
    const fields = ['zoë', '"a,""b"""', 'ascii', '日本'];
    rows.forEach((row, i) => assert.ok(row.includes(`,${fields[i % users.length]},2024-01-01`), row));
  });

  it('refuses binary input with a clear error', async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    await assert.rejects(analyzeLog({ log: bytesSource(bytes) }), (error: unknown) => error instanceof AnalysisError && error.code === 'binary');
  });

  it('replaces invalid UTF-8 and counts the lines', async () => {
    const head = new TextEncoder().encode(withError.slice(0, 300).join('\n') + '\n');
    const bad = new Uint8Array([...head, ...new TextEncoder().encode('081109 203518 143 INFO dfs.DataNode: bad '), 0xc3, 0x28, 0xff, 10]);
    const report = await analyzeLog({ log: bytesSource(bad) });
    assert.equal(report.stats.lines, 301);
    assert.equal(report.stats.invalidUtf8Lines, 1);
  });

  it('analyses an overlong line by its prefix and keeps line numbers right', async () => {
    const long = `081109 203518 143 INFO dfs.DataNode: ${'x'.repeat(100_000)}`;
    const lines = [...withError.slice(0, 50), long, ...withError.slice(50, 100)];
    const report = await analyzeText(lines.join('\n'), { maxLineBytes: 1024 });
    assert.equal(report.stats.lines, 101);
    assert.equal(report.stats.truncatedLines, 1);
    const encoder = new TextEncoder();
    const expectedStart = encoder.encode(lines.slice(0, 51).join('\n') + '\n').length;
    assert.equal(report.lines.starts[51], expectedStart);
  });

  it('reports progress that only grows and ends at 1', async () => {
    const seen: Progress[] = [];
    await analyzeLog({ log: textSource(text) }, {}, { onProgress: (progress) => seen.push(progress) });
    assert.ok(seen.length > 3);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].fraction >= seen[i - 1].fraction);
    assert.equal(seen[seen.length - 1].fraction, 1);
  });

  it('stops with a CancelledError when cancelled', async () => {
    let polls = 0;
    await assert.rejects(
      analyzeLog({ log: textSource(text) }, {}, { isCancelled: () => ++polls > 2 }),
      (error: unknown) => error instanceof CancelledError,
    );
  });

  it('stops with a CancelledError when cancelled after reading, in the later stages', async () => {
    let stage = 'reading';
    await assert.rejects(
      analyzeLog({ log: textSource(text) }, {}, { onProgress: (progress) => (stage = progress.stage), isCancelled: () => stage !== 'reading' }),
      (error: unknown) => error instanceof CancelledError,
    );
  });

  it('never flags lines of a template marked as expected', async () => {
    const before = await analyzeText(text);
    const template = before.templates[before.vectors.templateIds[before.lines.vectorIds[plantedLine]]].text;
    const after = await analyzeText(text, { expectedTemplates: [template] });
    assert.ok(!Array.from(after.anomalies).includes(plantedLine));
    assert.equal(after.templates.find((t) => t.text === template)?.expected, true);
  });

  it('reports what is new compared with a known-good baseline', async () => {
    const good = hdfsLog({ blocks: 300, seed: 11 }).lines.join('\n') + '\n';
    const report = await analyzeLog({ log: textSource(text), baseline: textSource(good) });
    assert.equal(report.stats.baselineLines, 300 * 10);
    assert.equal(report.anomalies[0], plantedLine);
    const kinds = explainLine(report, plantedLine).map((reason) => reason.kind);
    assert.ok(kinds.includes('newTemplate'), `reasons: ${kinds.join(', ')}`);
  });

  it('finds sessions in the fields of JSON lines, and the request that missed its last step', async () => {
    const steps = ['request received', 'auth ok', 'db query done', 'response sent'];
    const json: string[] = [];
    for (let r = 0; r < 300; r++) {
      for (let step = 0; step < steps.length; step++) {
        if (r === 123 && step === 3) continue;
        const time = `2024-03-01T10:${String(Math.floor(r / 60) % 60).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}.000Z`;
        json.push(JSON.stringify({ ts: time, level: 'info', msg: `${steps[step]} in ${(r * 7 + step) % 9} ms`, request_id: `req-${String(r).padStart(6, '0')}` }));
      }
    }
    const report = await analyzeText(json.join('\n') + '\n');
    assert.equal(report.stats.format, 'jsonl');
    assert.equal(report.stats.sessionKind, 'request-id');
    const broken = report.sessions.ids.indexOf('req-000123');
    assert.equal(report.sessions.ranks[broken], 1);
    assert.equal(report.sessions.flagged[broken], 1);
    assert.equal(report.stats.sessionModel, 'invariants');
    assert.deepEqual(report.sessions.reasons[broken].map((reason) => reason.kind), ['brokenInvariant', 'missingEvents']);
    const [invariant] = report.sessions.reasons[broken];
    assert.match(describeReason(invariant, (id) => report.templates[id].text), /^0 × "response sent in <NUM> ms" where 99\.\d+% of sessions have exactly 1$/);
  });

  it('flags frequent fatal alerts in a log whose levels report them, not only the rarest lines', async () => {
    const rng = new Lcg(9);
    const normal = ['instruction cache parity error corrected', 'generating core.{n}', 'CE sym {n}, at 0x{n}, mask 0x{n}', 'total of {n} ddr error(s) detected and corrected'];
    const alerts = ['data TLB error interrupt', 'rts panic! - stopping execution', 'machine check interrupt (bit=0x{n}): L2 dcache unit data parity error'];
    const lines: string[] = [];
    const alertLines: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const alert = i % 25 === 7;
      const template = alert ? alerts[i % alerts.length] : normal[rng.int(normal.length)];
      const message = template.replace(/\{n\}/g, () => String(rng.int(99_999)));
      if (alert) alertLines.push(i);
      const time = 1117838570 + Math.floor(i / 10);
      const node = `R0${rng.int(8)}-M${rng.int(2)}-N${rng.int(16)}-C:J0${2 + rng.int(8)}-U0${1 + rng.int(9)}`;
      lines.push(`${alert ? 'KERNDTLB' : '-'} ${time} 2005.06.03 ${node} 2005-06-03-15.42.${String(i % 60).padStart(2, '0')}.675872 ${node} RAS KERNEL ${alert ? 'FATAL' : 'INFO'} ${message}`);
    }
    const report = await analyzeText(lines.join('\n') + '\n');
    assert.equal(report.stats.format, 'bgl');
    const flagged = new Set(report.anomalies);
    const caught = alertLines.filter((line) => flagged.has(line)).length;
    assert.equal(caught, alertLines.length, `${caught} of ${alertLines.length} alerts flagged`);
    assert.ok(report.anomalies.length <= alertLines.length * 1.1, `${report.anomalies.length} lines flagged`);
  });

  it('rejects invalid options with a message saying what to fix', async () => {
    await assert.rejects(analyzeText(text, { contamination: 2 }), (error: unknown) => error instanceof AnalysisError && /contamination/.test(error.message));
    await assert.rejects(analyzeText(text, { sessionKey: '(' }), (error: unknown) => error instanceof AnalysisError && /session key/.test(error.message));
  });
});
