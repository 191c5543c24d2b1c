import assert from 'node:assert/strict';
import { DEFAULT_MINER_CONFIG, MASK_KINDS, resolveMinerConfig, type MinerConfig } from '../../../src/analysis/mining/config';
import { TemplateMiner } from '../../../src/analysis/mining/drain';

function rejects(input: Partial<MinerConfig>, message: RegExp): void {
  assert.throws(() => resolveMinerConfig(input), (error: unknown) => error instanceof RangeError && message.test(error.message));
}

describe('resolveMinerConfig', () => {
  it('gives the defaults when nothing is set, and ignores undefined fields', () => {
    assert.deepEqual(resolveMinerConfig(), DEFAULT_MINER_CONFIG);
    assert.deepEqual(resolveMinerConfig({ treeDepth: undefined }), DEFAULT_MINER_CONFIG);
  });

  it('keeps every valid value', () => {
    const config = resolveMinerConfig({
      treeDepth: 3,
      similarityThreshold: 0.4,
      maxChildren: 10,
      maxClusters: 1000,
      extraDelimiters: '=',
      masks: ['ip', 'number'],
      collapseRepeatedMasks: false,
      maxCategoricalValues: 0,
      maxCategoricalWords: 0,
      mergeVariablePositions: false,
      cacheSize: 0,
    });
    assert.equal(config.treeDepth, 3);
    assert.equal(config.similarityThreshold, 0.4);
    assert.equal(config.maxClusters, 1000);
    assert.deepEqual(config.masks, ['ip', 'number']);
    assert.equal(config.cacheSize, 0);
  });

  it('says what to fix for each bad value', () => {
    rejects({ treeDepth: -1 }, /treeDepth must be an integer in \[0, 16\]; got -1/);
    rejects({ treeDepth: 2.5 }, /treeDepth must be an integer/);
    rejects({ similarityThreshold: 1.5 }, /similarityThreshold must be a number in \[0, 1\]; got 1.5/);
    rejects({ similarityThreshold: Number.NaN }, /similarityThreshold/);
    rejects({ maxChildren: 1 }, /maxChildren must be an integer in \[2, /);
    rejects({ maxClusters: 0 }, /maxClusters must be an integer in \[1, \d+\] or null for no limit; got 0/);
    rejects({ extraDelimiters: '= ' }, /extraDelimiters must be a string of punctuation characters/);
    rejects({ extraDelimiters: '*' }, /extraDelimiters/);
    rejects({ masks: ['ip', 'phone' as never] }, /masks: unknown mask kind "phone"; use any of url, path/);
    rejects({ masks: 'ip' as never }, /masks must be an array of mask kinds/);
    rejects({ collapseRepeatedMasks: 'yes' as never }, /collapseRepeatedMasks must be true or false/);
    rejects({ maxCategoricalValues: -3 }, /maxCategoricalValues must be an integer in \[0, 4096\]/);
    rejects({ maxCategoricalWords: 1.5 }, /maxCategoricalWords must be an integer/);
    rejects({ mergeVariablePositions: 1 as never }, /mergeVariablePositions must be true or false/);
    rejects({ cacheSize: -1 }, /cacheSize must be an integer in \[0, /);
  });

  it('lists every mask kind as enabled by default', () => {
    assert.deepEqual([...DEFAULT_MINER_CONFIG.masks].sort(), [...MASK_KINDS].sort());
  });

  it('validates through the miner constructor too', () => {
    assert.throws(() => new TemplateMiner({ similarityThreshold: 2 }), RangeError);
  });
});
