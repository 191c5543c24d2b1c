import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { ownBuffers } from '../../../src/worker/inputs';

describe('moving report buffers to the host', () => {
  it('moves whole buffers and large buffers a table opens, and copies small views of shared ones', () => {
    const whole = new Int32Array(10);
    const opening = new Int32Array(new ArrayBuffer(2 << 20), 0, 400_000);
    const pooled = Buffer.from('a line of text');
    const inside = new Int32Array(new ArrayBuffer(2 << 20), 8, 10);
    assert.deepEqual(ownBuffers([whole, opening, pooled, inside, whole]), [whole.buffer, opening.buffer]);
  });

  it('gives the receiver the same view over the moved buffer', async () => {
    const table = new Int32Array(new ArrayBuffer(2 << 20), 0, 400_000);
    for (let i = 0; i < table.length; i++) table[i] = i * 3;
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<Int32Array>((resolve) => port2.once('message', (message: { table: Int32Array }) => resolve(message.table)));
    port1.postMessage({ table }, ownBuffers([table]));
    const got = await received;
    port1.close();
    port2.close();
    assert.equal(table.length, 0, 'the sender no longer holds it');
    assert.equal(got.length, 400_000);
    assert.equal(got[399_999], 399_999 * 3);
  });
});
