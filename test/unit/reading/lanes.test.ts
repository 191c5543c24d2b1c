import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { type AnalysisReport, analyzeLog, bytesSource, inlineLanesOf, linesCsv, type LogSource, sessionsCsv, templatesCsv, textSource } from '../../../src/analysis';
import { threadLanes } from '../../../src/node/parsingThread';
import { generateHdfsLogText } from '../../../scripts/hdfs-generator';
import { CLI_PATTERN_NAMES } from '../../../src/node/patternGuard';

async function csv(report: AnalysisReport, source: LogSource): Promise<string> {
  const lines: Uint8Array[] = [];
  for await (const chunk of linesCsv(report, source)) lines.push(chunk);
  return [Buffer.concat(lines).toString('utf8'), ...templatesCsv(report), ...sessionsCsv(report)].join('');
}

describe('parsing lanes', function () {
  this.timeout(120_000);
  // About 4 MB: several chunks, so every lane parses and shapes and sessions cross between them.
  const log = generateHdfsLogText({ lines: 30_000, seed: 3 }).text;
  let dist: string;

  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'log-anomaly-lanes-'));
    await esbuild.build({
      entryPoints: { parser: join(__dirname, '../../../src/worker/parserThread.ts') },
      outdir: dist,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
    });
  });

  after(() => rmSync(dist, { recursive: true, force: true }));

  it('on threads give exactly what they give taking turns on one thread', async () => {
    const lanes = threadLanes(dist, CLI_PATTERN_NAMES);
    assert.ok(lanes, 'the parser bundle was built');
    const inline = await analyzeLog({ log: textSource(log) });
    const threaded = await analyzeLog({ log: textSource(log) }, {}, { lanes });
    assert.equal(threaded.stats.lines, 30_000);
    assert.equal(await csv(threaded, textSource(log)), await csv(inline, textSource(log)));
  });

  it('give the same result however many there are, on one thread or on threads of their own', async () => {
    const two = await csv(await analyzeLog({ log: textSource(log) }), textSource(log));
    for (const count of [1, 3, 5]) {
      const report = await analyzeLog({ log: textSource(log) }, {}, { lanes: inlineLanesOf(count) });
      assert.equal(await csv(report, textSource(log)), two, `${count} lanes taking turns`);
    }
    for (const count of [1, 3]) {
      const report = await analyzeLog({ log: textSource(log) }, {}, { lanes: threadLanes(dist, CLI_PATTERN_NAMES, undefined, count) ?? undefined });
      assert.equal(await csv(report, textSource(log)), two, `${count} threads`);
    }
    assert.throws(() => inlineLanesOf(0), /at least 1/);
  });

  it('give the same result however the source hands over its bytes', async () => {
    const bytes = new TextEncoder().encode(log);
    const oneBuffer = await analyzeLog({ log: bytesSource(bytes) });
    const pieces: LogSource = {
      size: bytes.length,
      async *chunks() {
        for (let i = 0; i < bytes.length; i += 4099) yield bytes.slice(i, i + 4099);
      },
    };
    const smallPieces = await analyzeLog({ log: pieces });
    assert.equal(await csv(smallPieces, pieces), await csv(oneBuffer, bytesSource(bytes)));
  });

  it('never start on a binary file: it is refused first, with threads as without', async () => {
    const binary = new Uint8Array(3 << 20);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
    await assert.rejects(analyzeLog({ log: bytesSource(binary) }, {}, { lanes: threadLanes(dist, CLI_PATTERN_NAMES) ?? undefined }), /binary file/);
  });
});
