import assert from 'node:assert/strict';
import { NO_YEAR, parseTimestamp } from '../../../src/analysis/formats';
import { utc } from './helpers';

describe('parseTimestamp', () => {
  const cases: [string, number][] = [
    ['2023-01-02T03:04:05.678Z', utc(2023, 1, 2, 3, 4, 5, 678)],
    ['2023-01-02 03:04:05,678', utc(2023, 1, 2, 3, 4, 5, 678)],
    ['2023-01-02T03:04:05.123456789+05:30', utc(2023, 1, 2, 3, 4, 5, 123)],
    ['2023-01-02 03:04:05 +0100', utc(2023, 1, 2, 3, 4, 5)],
    ['2023-01-02 03:04:05 UTC', utc(2023, 1, 2, 3, 4, 5)],
    ['2023-01-02', utc(2023, 1, 2)],
    ['2023/01/02 03:04', utc(2023, 1, 2, 3, 4)],
    ['2024-01-05, 10:15:29 UTC', utc(2024, 1, 5, 10, 15, 29)],
    ['2005.06.03 15:42:50', utc(2005, 6, 3, 15, 42, 50)],
    ['2005-06-03-15.42.50.675872', utc(2005, 6, 3, 15, 42, 50, 675)],
    ['01/02/2023 03:04:05', utc(2023, 1, 2, 3, 4, 5)],
    ['13/02/2023 03:04:05', utc(2023, 2, 13, 3, 4, 5)],
    ['01/02/2023 12:04:05 AM', utc(2023, 1, 2, 0, 4, 5)],
    ['20171223-22:15:29:606', utc(2017, 12, 23, 22, 15, 29, 606)],
    ['20171223-23:1:5:778', utc(2017, 12, 23, 23, 1, 5, 778)],
    ['2023-01-02 03:04:5', utc(2023, 1, 2, 3, 4, 5)],
    ['20230102T030405', utc(2023, 1, 2, 3, 4, 5)],
    ['081109 203615', utc(2008, 11, 9, 20, 36, 15)],
    ['170213 16:00:33', utc(2017, 2, 13, 16, 0, 33)],
    ['170213  6:00:33', utc(2017, 2, 13, 6, 0, 33)],
    ['1117838570', 1117838570000],
    ['1117838570.25', 1117838570250],
    ['1672628645678', 1672628645678],
    ['Sun Dec 04 04:47:44 2005', utc(2005, 12, 4, 4, 47, 44)],
    ['Wed Oct 11 14:32:52.123456 2000', utc(2000, 10, 11, 14, 32, 52, 123)],
    ['Sun, 04 Dec 2005 04:47:44 GMT', utc(2005, 12, 4, 4, 47, 44)],
    ['04/Dec/2005:04:47:44 +0000', utc(2005, 12, 4, 4, 47, 44)],
    ['04-Dec-2005 04:47:44.123', utc(2005, 12, 4, 4, 47, 44, 123)],
    ['04 Dec 2005 04:47:44', utc(2005, 12, 4, 4, 47, 44)],
    ['Jan 2, 2023 3:04:05 PM', utc(2023, 1, 2, 15, 4, 5)],
    ['  2023-01-02 03:04:05  ', utc(2023, 1, 2, 3, 4, 5)],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(parseTimestamp(text), expected));
  }

  it('places year-less timestamps in NO_YEAR, a leap year', () => {
    assert.equal(NO_YEAR, 2000);
    assert.equal(parseTimestamp('Jun 14 15:16:01'), utc(2000, 6, 14, 15, 16, 1));
    assert.equal(parseTimestamp('Feb 29 00:00:00'), utc(2000, 2, 29));
    assert.equal(parseTimestamp('Jun  9 06:06:20'), utc(2000, 6, 9, 6, 6, 20));
    assert.equal(parseTimestamp('10.30 16:49:06'), utc(2000, 10, 30, 16, 49, 6));
    assert.equal(parseTimestamp('03-17 16:13:38.811'), utc(2000, 3, 17, 16, 13, 38, 811));
    assert.equal(parseTimestamp('16:49:06'), utc(2000, 1, 1, 16, 49, 6));
  });

  it('gives NaN for impossible dates and for text that is not only a timestamp', () => {
    for (const text of ['', 'hello', '2023-02-29 00:00:00', '2023-02-30', '2023-13-01', '2023-01-02 24:00:00', '2023-01-02x', '2023-01-02 03:04:05 and more', '123456789', 'June 14 15:16:01', 'Feb 30 00:00:00']) {
      assert.ok(Number.isNaN(parseTimestamp(text)), text);
    }
  });

  it('gives the same result when consecutive calls share the second', () => {
    assert.equal(parseTimestamp('2023-01-02 03:04:05.100'), utc(2023, 1, 2, 3, 4, 5, 100));
    assert.equal(parseTimestamp('2023-01-02 03:04:05.900'), utc(2023, 1, 2, 3, 4, 5, 900));
    assert.equal(parseTimestamp('2024-01-02 03:04:05.900'), utc(2024, 1, 2, 3, 4, 5, 900));
  });
});
