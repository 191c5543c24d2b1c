import assert from 'node:assert/strict';
import { analyzeLog, Level, textSource } from '../../../src/analysis';
import { raiseBySeverity } from '../../../src/analysis/scoring/severity';

describe('severity-aware line scores', () => {
  it('raises errors and fatal alerts, less when the level is common, and keeps the order within a level', () => {
    const scores = Float64Array.from([0.8, 0.8, 0.6, 0.7, 0.8]);
    const levels = Uint8Array.from([Level.info, Level.error, Level.error, Level.fatal, Level.warning]);
    const counts = Float64Array.from([1, 1, 1, 1, 96]);
    raiseBySeverity(scores, levels, counts);
    assert.equal(scores[0], 0.8);
    assert.equal(scores[4], 0.8);
    assert.ok(scores[1] > scores[0] && scores[1] > scores[2], `${[...scores]}`);
    assert.ok(scores[3] > 1 - 0.3 * (1 - 0.7 * 0.98));
    const common = Float64Array.from([0.8, 0.8]);
    raiseBySeverity(common, Uint8Array.from([Level.info, Level.error]), Float64Array.from([1, 1]));
    assert.ok(common[1] - 0.8 < scores[1] - 0.8, 'half the lines are errors: a smaller rise');
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
});
