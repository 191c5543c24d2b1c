import assert from 'node:assert/strict';
import { inferLevel } from '../../../src/analysis/formats';
import { Level } from '../../../src/analysis';

describe('inferLevel', () => {
  it('finds error words, in any case, including exception class names', () => {
    for (const message of [
      'authentication failure; logname= uid=0',
      'Failed password for root from 1.2.3.4',
      'connect() failed (111: Connection refused)',
      'Permission denied',
      'java.lang.NullPointerException at startup',
      'OutOfMemoryError: Java heap space',
      'ERROR while flushing',
      'unable to open /etc/x',
      'process crashed',
    ]) {
      assert.equal(inferLevel(message), Level.error, message);
    }
  });

  it('ranks fatal over error over warning', () => {
    assert.equal(inferLevel('Kernel panic - not syncing: fatal exception'), Level.fatal);
    assert.equal(inferLevel('warning: write failed'), Level.error);
    assert.equal(inferLevel('Warning: low disk space'), Level.warning);
    assert.equal(inferLevel('deprecation WARN for option x'), Level.warning);
  });

  it('leaves ordinary messages unknown, without matching inside words', () => {
    for (const message of ['Accepted password for root', 'session opened for user news', 'terrorist-free zone', 'warnock.example.com connected', 'failover-node-2 up', '']) {
      assert.equal(inferLevel(message), Level.unknown, message);
    }
  });
});
