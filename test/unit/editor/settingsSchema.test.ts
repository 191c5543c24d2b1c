import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/editor/state/settingsSchema';

function parse(raw: Record<string, unknown>) {
  return parseSettings((key) => raw[key]);
}

describe('parseSettings', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(parse({}), { settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('maps the model names users pick to the engine names', () => {
    assert.equal(parse({ model: 'isolationForest' }).settings.model, 'iforest');
    assert.equal(parse({ model: 'oneClassSvm' }).settings.model, 'ocsvm');
    assert.equal(parse({ model: 'ensemble' }).settings.model, 'ensemble');
  });

  it('reads every valid value', () => {
    const { settings, problems } = parse({
      sessionModel: 'pca',
      contamination: '0.05',
      sessionKey: 'req-(\\w+)',
      format: '^(?<level>\\w+) (?<message>.*)$',
      seed: 7,
      maxDiagnostics: 1000,
      minimumScore: 0.6,
      rerunOnSave: true,
      openDashboardAfterRun: false,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      model: 'iforest',
      sessionModel: 'pca',
      contamination: 0.05,
      sessionKey: 'req-(\\w+)',
      format: '^(?<level>\\w+) (?<message>.*)$',
      seed: 7,
      maxDiagnostics: 1000,
      minimumScore: 0.6,
      rerunOnSave: true,
      openDashboardAfterRun: false,
    });
  });

  it('accepts format names and "none" as the session key', () => {
    const { settings, problems } = parse({ format: 'hdfs', sessionKey: 'none', contamination: 'AUTO' });
    assert.deepEqual(problems, []);
    assert.equal(settings.format, 'hdfs');
    assert.equal(settings.sessionKey, 'none');
    assert.equal(settings.contamination, 'auto');
  });

  it('falls back to the default for each invalid value, with a message naming the setting', () => {
    const { settings, problems } = parse({
      model: 'randomForest',
      contamination: '0.9',
      sessionKey: '(unclosed',
      format: 'nosuchformat',
      seed: -1,
      maxDiagnostics: 5000,
      minimumScore: 2,
      rerunOnSave: 'yes',
    });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, 8);
    const named = ['model', 'contamination', 'sessionKey', 'format', 'seed', 'maxDiagnostics', 'minimumScore', 'rerunOnSave'];
    named.forEach((key, i) => assert.match(problems[i], new RegExp(`^logAnomaly\\.${key}: `)));
    assert.match(problems[0], /Using the default \("isolationForest"\)/);
    assert.match(problems[1], /contamination must be "auto" or a fraction/);
    assert.match(problems[2], /not a valid regular expression/);
    assert.match(problems[3], /unknown format "nosuchformat"/);
    assert.match(problems[5], /an integer from 0 to 1000.*Using the default \(100\)/);
  });

  it('rejects a format regex without a message group, saying what is missing', () => {
    const { problems } = parse({ format: '^(?<level>\\w+) .*$' });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /\(\?<message>\.\.\.\)/);
  });
});
