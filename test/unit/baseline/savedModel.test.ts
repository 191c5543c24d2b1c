import assert from 'node:assert/strict';
import { analyzeLog, type AnalysisReport, linesCsv, parseSavedModel, SAVED_MODEL_VERSION, SavedModelError, savedModelJson, sessionsCsv, textSource, trainBaseline } from '../../../src/analysis';
import { KnownTemplateMiner } from '../../../src/analysis/baseline/knownTemplates';
import { TemplateMiner } from '../../../src/analysis/mining/drain';
import { hdfsLog, HDFS_ERROR_LINE } from '../pipeline/syntheticLogs';

async function csv(report: AnalysisReport, log: string): Promise<string> {
  const lines: Uint8Array[] = [];
  for await (const chunk of linesCsv(report, textSource(log))) lines.push(chunk);
  return Buffer.concat(lines).toString('utf8') + [...sessionsCsv(report)].join('');
}

describe('baseline models: fitted once, saved, loaded', function () {
  this.timeout(60_000);
  const good = hdfsLog({ blocks: 250, seed: 11 }).lines.join('\n') + '\n';
  const planted = hdfsLog({ blocks: 200, seed: 12, truncatedBlocks: [30] }).lines;
  const text = [...planted.slice(0, 900), HDFS_ERROR_LINE, ...planted.slice(900)].join('\n') + '\n';

  for (const model of ['iforest', 'ocsvm', 'ensemble'] as const) {
    it(`scores a log against a saved ${model} model exactly as against the log it was saved from`, async () => {
      const saved = savedModelJson(await trainBaseline(textSource(good), { model }));
      const loaded = parseSavedModel(saved);
      const againstLog = await analyzeLog({ log: textSource(text), baseline: textSource(good) }, { model });
      const againstModel = await analyzeLog({ log: textSource(text), baseline: loaded }, { model });
      assert.equal(await csv(againstModel, text), await csv(againstLog, text));
      assert.equal(againstModel.stats.baselineLines, 250 * 10);
      assert.equal(againstModel.options.model, model);
      // The planted error's template is new to the baseline, and said so.
      assert.equal(againstModel.anomalies[0], 900);
      assert.ok(againstModel.vectors.reasons[againstModel.lines.vectorIds[900]].some((reason) => reason.kind === 'newTemplate'));
      // Saving what was loaded writes the same model.
      assert.equal(savedModelJson(loaded), saved);
    });
  }

  it('uses the model of the baseline whatever model the run asks for', async () => {
    const loaded = parseSavedModel(savedModelJson(await trainBaseline(textSource(good), { model: 'ocsvm' })));
    const report = await analyzeLog({ log: textSource(text), baseline: loaded }, { model: 'iforest' });
    assert.equal(report.options.model, 'ocsvm');
  });

  it('matches a log to the baseline\'s own templates: the baseline against itself has no new one', async () => {
    const baseline = await trainBaseline(textSource(good));
    const report = await analyzeLog({ log: textSource(good), baseline });
    assert.equal(report.templates.length, baseline.templates.length);
    assert.ok(report.templates.every((template) => template.count === template.baselineCount));
  });

  it('mines messages no known template fits as new templates, numbered after the known ones', () => {
    const fresh = new TemplateMiner();
    for (const message of ['Receiving block blk_1 src: /10.0.0.1:50010', 'Receiving block blk_2 src: /10.0.0.2:50010']) fresh.add(message);
    const known = fresh.snapshot().templates;
    const miner = new KnownTemplateMiner(known);
    assert.equal(miner.add('Receiving block blk_3 src: /10.0.0.3:50010'), 0);
    const novel = miner.add('Deleting block blk_4 file /data/blk_4');
    assert.equal(novel, known.length);
    const snapshot = miner.snapshot();
    assert.equal(snapshot.templates.length, known.length + 1);
    assert.equal(snapshot.templateOfCluster[novel], known.length);
    assert.deepEqual(snapshot.templates.slice(0, known.length), known);
  });

  it('refuses a file that is not a saved model, or of another version, with one sentence', async () => {
    const saved = JSON.parse(savedModelJson(await trainBaseline(textSource(good))));
    const problem = (text: string): string => {
      try {
        parseSavedModel(text);
      } catch (error) {
        assert.ok(error instanceof SavedModelError, String(error));
        return error.message;
      }
      return assert.fail('loaded');
    };
    assert.match(problem('081109 203518 143 INFO dfs.DataNode: a log line'), /not a saved log-anomaly model \(not JSON\)/);
    assert.match(problem('{"level":"info","msg":"a JSON log line"}'), /not a saved log-anomaly model$/);
    assert.match(problem(JSON.stringify({ ...saved, version: SAVED_MODEL_VERSION + 1 })), new RegExp(`saved in model format ${SAVED_MODEL_VERSION + 1} and this version reads format ${SAVED_MODEL_VERSION}`));
    const cut = { ...saved, lineModel: { ...saved.lineModel, stats: { ...saved.lineModel.stats, counts: saved.lineModel.stats.counts.slice(1) } } };
    assert.match(problem(JSON.stringify(cut)), /lineModel\.stats\.counts is not a list of \d+ numbers/);
    const noModel = { ...saved, lineModel: { ...saved.lineModel, model: { name: 'forest' } } };
    assert.match(problem(JSON.stringify(noModel)), /lineModel\.model\.name is not iforest, ocsvm or ensemble/);
    const behaviours = saved.sessionModel.behaviours;
    const strayTemplate = { ...saved, sessionModel: { behaviours: { ...behaviours, templates: [saved.templates.length, ...behaviours.templates.slice(1)] } } };
    assert.match(problem(JSON.stringify(strayTemplate)), /sessionModel\.behaviours\.templates is not template ids below \d+/);
  });
});
