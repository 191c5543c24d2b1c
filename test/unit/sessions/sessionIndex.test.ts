import assert from 'node:assert/strict';
import { SessionIndex } from '../../../src/analysis/sessions/sessionIndex';

describe('session index', () => {
  it('numbers names in order of first appearance, the same name (another string of it) the same, past growing its table', () => {
    const index = new SessionIndex();
    const names = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `blk_-${i * 7919}` : `sess-é${i}`));
    names.forEach((name, i) => assert.equal(index.indexOf(name), i));
    names.forEach((name, i) => assert.equal(index.indexOf(name.split('').join('')), i));
    assert.deepEqual(index.names, names);
    assert.equal(index.indexOf(''), names.length);
  });
});
