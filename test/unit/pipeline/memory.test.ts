import assert from 'node:assert/strict';
import { analyzeLog, textSource } from '../../../src/analysis';
import { hdfsLog } from './syntheticLogs';

// The per-line arrays are what an 11M-line log's memory is made of: each takes the narrowest
// element that holds its values (see src/analysis/pipeline/README.md for the budget).
describe('per-line memory', () => {
  const text = hdfsLog({ blocks: 200, seed: 3 }).lines.join('\n') + '\n';

  it('keeps offsets in 4 bytes, vector ids in 2 and timeline buckets in 1 for a log of known size under 4 GiB', async () => {
    const report = await analyzeLog({ log: textSource(text) });
    assert.ok(report.lines.starts instanceof Uint32Array, report.lines.starts.constructor.name);
    assert.ok(report.lines.vectorIds instanceof Int16Array, report.lines.vectorIds.constructor.name);
    assert.ok(report.lines.buckets instanceof Uint8Array, report.lines.buckets.constructor.name);
    assert.ok(report.lines.sessionIds instanceof Int32Array, report.lines.sessionIds.constructor.name);
    assert.equal(report.lines.starts[report.lines.count], Buffer.byteLength(text));
  });

  it('keeps 8-byte offsets when the size is not known beforehand, with the same results', async () => {
    const sized = await analyzeLog({ log: textSource(text) });
    const unsized = await analyzeLog({ log: { size: null, chunks: () => textSource(text).chunks() } });
    assert.ok(unsized.lines.starts instanceof Float64Array);
    assert.deepEqual(Array.from(unsized.lines.starts), Array.from(sized.lines.starts));
    assert.deepEqual(unsized.anomalies, sized.anomalies);
  });
});
