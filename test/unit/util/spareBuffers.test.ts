import assert from 'node:assert/strict';
import { SpareBuffers } from '../../../src/analysis/util/spareBuffers';

describe('spare buffers', () => {
  const MiB = 1 << 20;

  it('builds a table in the smallest spare buffer it fills at least three quarters of, zeroed, and hands each buffer out once', () => {
    const spares = new SpareBuffers();
    const large = new Uint8Array(8 * MiB).fill(7);
    const small = new Uint8Array(4 * MiB).fill(7);
    spares.add(large.buffer);
    spares.add(small.buffer);
    spares.add(small.buffer);
    const first = spares.take(Int32Array, (3.5 * MiB) / 4);
    assert.equal(first.buffer, small.buffer);
    assert.equal(first.length, (3.5 * MiB) / 4);
    assert.ok(first.every((value) => value === 0));
    // The small one is taken; the large one is too large for as little.
    assert.notEqual(spares.take(Int32Array, (3.5 * MiB) / 4).buffer, small.buffer);
    assert.notEqual(spares.take(Uint8Array, 5 * MiB).buffer, large.buffer);
    assert.equal(spares.take(Uint16Array, 3 * MiB).buffer, large.buffer);
  });

  it('keeps no small buffers, and none once cleared', () => {
    const spares = new SpareBuffers();
    const tiny = new Uint8Array(MiB / 2);
    const big = new Uint8Array(2 * MiB);
    spares.add(tiny.buffer);
    spares.add(big.buffer);
    assert.notEqual(spares.take(Uint8Array, MiB / 2).buffer, tiny.buffer);
    spares.clear();
    assert.notEqual(spares.take(Uint8Array, 2 * MiB).buffer, big.buffer);
  });
});
