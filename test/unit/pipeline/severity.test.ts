import assert from 'node:assert/strict';
import { analyzeLog, describeReason, Level, textSource } from '../../../src/analysis';
import { raiseBySeverity, SPREAD_STRETCHES, spreadOf, templatePresence } from '../../../src/analysis/scoring/severity';

describe('severity-aware line scores', () => {
  it('raises warnings a little and errors and fatal alerts more, less when the level is common, and keeps the order within a level', () => {
    const scores = Float64Array.from([0.8, 0.8, 0.6, 0.7, 0.8, 0.8]);
    const levels = Uint8Array.from([Level.info, Level.error, Level.error, Level.fatal, Level.warning, Level.debug]);
    const counts = Float64Array.from([1, 1, 1, 1, 1, 95]);
    raiseBySeverity(scores, levels, counts);
    assert.equal(scores[0], 0.8);
    assert.equal(scores[5], 0.8);
    assert.ok(scores[4] > scores[0] && scores[1] > scores[4], `warning between info and error: ${[...scores]}`);
    assert.ok(scores[1] > scores[2], `${[...scores]}`);
    assert.ok(scores[3] > 1 - 0.3 * (1 - 0.7 * 0.98));
    const common = Float64Array.from([0.8, 0.8]);
    raiseBySeverity(common, Uint8Array.from([Level.info, Level.error]), Float64Array.from([1, 1]));
    assert.ok(common[1] - 0.8 < scores[1] - 0.8, 'half the lines are errors: a smaller rise');
  });

  it('raises an error template that is always there less than one that is new or bursting, still above an info line', () => {
    const scores = Float64Array.from([0.8, 0.8, 0.8]);
    raiseBySeverity(scores, Uint8Array.from([Level.error, Level.error, Level.info]), Float64Array.from([20, 20, 960]), Float64Array.from([0.05, 1, 0.05]));
    assert.ok(scores[0] > scores[1] && scores[1] > scores[2], `${[...scores]}`);
  });

  it('measures how much a template is always there: in the half of the log where it occurs less', () => {
    // 128 entries, four per stretch: template 0 throughout; 1 new in the second half; 2 a burst in
    // stretches 4-5; 3 in every fourth stretch (4 of the 16 in each half); 4 never.
    const entries = new Int32Array(128);
    for (let e = 65; e < 128; e += 4) entries[e] = 1;
    entries[17] = entries[21] = 2;
    for (let e = 2; e < 128; e += 16) entries[e] = 3;
    const presence = templatePresence(entries, 5);
    assert.equal(SPREAD_STRETCHES, 32);
    assert.deepEqual([0, 1, 2, 3, 4].map((template) => [presence.firstHalf[template], presence.secondHalf[template]]), [[1, 1], [0, 1], [2 / 16, 0], [0.25, 0.25], [0, 0]]);
    assert.deepEqual([0, 1, 2, 3, 4].map((template) => spreadOf(presence, template)), [1, 0, 0, 0.25, 0]);
  });

  it('ranks a recurring ERROR template above a single rare INFO line', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      const time = `2024-01-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      lines.push(`${time} INFO worker: processed batch ${i % 7} in ${10 + (i % 5)} ms`);
      if (i === 200) lines.push(`${time} INFO worker: cache warmed with ${i} entries`);
      if (i % 50 === 7) lines.push(`${time} ERROR worker: cache flush failed for ${i} entries`);
    }
    const report = await analyzeLog({ log: textSource(lines.join('\n') + '\n') });
    const rankOf = (text: string) => report.vectors.ranks[report.lines.vectorIds[lines.findIndex((line) => line.includes(text))]];
    const scoreOf = (text: string) => report.vectors.scores[report.lines.vectorIds[lines.findIndex((line) => line.includes(text))]];
    assert.ok(rankOf('flush failed') < rankOf('cache warmed'), `error ${rankOf('flush failed')} ${scoreOf('flush failed')}, info ${rankOf('cache warmed')} ${scoreOf('cache warmed')}`);
  });

  it('ranks a rare ERROR above a rare INFO, and an ERROR template that bursts above one that is always there, saying which', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const time = `2024-01-01 ${String(10 + Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      lines.push(`${time} INFO worker: processed batch ${i % 7} in ${10 + (i % 5)} ms`);
      if (i % 3 === 0) lines.push(`${time} INFO scheduler: queued job ${i % 11} for worker ${i % 4}`);
      if (i === 500) lines.push(`${time} INFO worker: cache warmed with ${i} entries`);
      if (i === 1_500) lines.push(`${time} ERROR worker: cache flush failed for ${i} entries`);
      if (i % 60 === 20) lines.push(`${time} ERROR storage: disk probe failed on volume ${i % 9}`);
      if (i >= 1_800 && i < 1_840) lines.push(`${time} ERROR storage: queue write failed on shard ${i % 9}`);
    }
    // 33 "disk probe" errors spread over the log, which the model alone finds a little more unusual than the
    // 40 "queue write" errors that come in one burst; one ERROR and one INFO line of their own templates.
    const report = await analyzeLog({ log: textSource(lines.join('\n') + '\n') });
    const vectorOf = (text: string) => report.lines.vectorIds[lines.findIndex((line) => line.includes(text))];
    const rankOf = (text: string) => report.vectors.ranks[vectorOf(text)];
    const scores = ['flush failed', 'cache warmed', 'queue write failed', 'disk probe failed'].map((text) => `${text} ${report.vectors.scores[vectorOf(text)].toFixed(3)}`).join(', ');
    assert.ok(rankOf('flush failed') < rankOf('cache warmed'), scores);
    assert.ok(rankOf('queue write failed') < rankOf('disk probe failed'), scores);
    const severityReason = (text: string) => describeReason(report.vectors.reasons[vectorOf(text)].find((reason) => reason.kind === 'severity')!, () => '');
    assert.match(severityReason('queue write failed'), /^ERROR level, shared by only .* of lines; its template comes in bursts, absent from most of the log$/);
    assert.match(severityReason('disk probe failed'), /; its template recurs throughout the log$/);
    assert.doesNotMatch(severityReason('flush failed'), /;/, 'one line: neither a burst nor throughout');
  });
});
