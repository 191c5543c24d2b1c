/**
 * Session ids → session numbers in order of first appearance, for one parsing lane. Ids written
 * as a prefix and a number (HDFS block ids: `blk_-1608999687919862906`) are kept by their number in
 * typed arrays: the same ids recur on millions of lines, and a repeat then costs a hash and a
 * compare of numbers, no string. Other ids go through a map of strings.
 */
import type { SessionIdSink } from './sessionKeys';

const EMPTY = -1;
/** Digits a number-keyed id may have: 15 low digits and 4 high ones stay exact in doubles. */
const MAX_DIGITS = 19;
const LOW_DIGITS = 15;
/**
 * Filled share of the table before it doubles: at 1/2, HDFS's 561K blocks took 2M slots; at 3/4
 * they take 1M (4 MB in each lane's thread, beside 16 bytes of key a block), half full, where a
 * lookup probes about 1.6 slots.
 */
const MAX_LOAD = 0.75;

export class SessionNumbers implements SessionIdSink {
  /** Names of the sessions numbered since `takeNew()`, in number order. */
  private fresh: string[] = [];
  private count = 0;
  private readonly byName = new Map<string, number>();
  /** Open addressing over number-keyed ids: the session number in each slot. */
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  /**
   * By session number, a number-keyed id's low digits, and its high digits with the digit count and
   * sign: 16 bytes a session, where a pair of them in every slot took 16 bytes a slot.
   */
  private lows = new Float64Array(1 << 11);
  private highs = new Float64Array(1 << 11);
  /** The numbers found in the entry being read, for `foundInEntry`. */
  private readonly entry: number[] = [];
  /** The entry's line and, when it is ASCII, its bytes from entryFrom: digits are read from there. */
  private entryText: string | undefined;
  private entryBytes: Uint8Array | undefined;
  private entryFrom = 0;

  /**
   * Starts a new entry: an id it names twice counts once. `bytes` from `from`, when given, hold
   * `text` as ASCII: the digits of ids found in that text are read from them, cheaper than from it.
   */
  startEntry(text?: string, bytes?: Uint8Array, from = 0): void {
    this.entry.length = 0;
    this.entryText = text;
    this.entryBytes = bytes;
    this.entryFrom = from;
  }

  /** The session numbers the current entry names, in order. */
  get foundInEntry(): readonly number[] {
    return this.entry;
  }

  /** The names numbered since the last call, in number order. */
  takeNew(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  name(id: string): void {
    let number = this.byName.get(id);
    if (number === undefined) {
      number = this.count++;
      this.byName.set(id, number);
      this.fresh.push(id);
    }
    this.found(number);
  }

  number(message: string, start: number, digits: number, end: number): void {
    const length = end - digits;
    if (length > MAX_DIGITS) return this.name(message.substring(start, end));
    const split = end - Math.min(length, LOW_DIGITS);
    const bytes = this.entryBytes !== undefined && message === this.entryText ? this.entryBytes : undefined;
    let high = 0;
    let low = 0;
    if (bytes !== undefined) {
      const from = this.entryFrom;
      for (let i = digits; i < split; i++) high = high * 10 + (bytes[from + i] - 48);
      for (let i = split; i < end; i++) low = low * 10 + (bytes[from + i] - 48);
    } else {
      for (let i = digits; i < split; i++) high = high * 10 + (message.charCodeAt(i) - 48);
      for (let i = split; i < end; i++) low = low * 10 + (message.charCodeAt(i) - 48);
    }
    // The whole prefix (sign included) and the digit count tell apart ids with the same digits.
    const tag = (end - start) * 32 + (digits - start);
    high = high * 1024 + tag;
    const hash = slotHash(low, high);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const number = this.slots[slot];
      if (number === EMPTY) {
        const fresh = this.count++;
        if (fresh >= this.lows.length) this.growKeys(fresh + 1);
        this.slots[slot] = fresh;
        this.lows[fresh] = low;
        this.highs[fresh] = high;
        this.fresh.push(message.substring(start, end));
        if (this.count > this.slots.length * MAX_LOAD) this.grow();
        return this.found(fresh);
      }
      if (this.lows[number] === low && this.highs[number] === high) return this.found(number);
    }
  }

  private found(number: number): void {
    if (!this.entry.includes(number)) this.entry.push(number);
  }

  private grow(): void {
    const { slots, lows, highs } = this;
    this.slots = new Int32Array(slots.length * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      const number = slots[old];
      if (number === EMPTY) continue;
      let slot = slotHash(lows[number], highs[number]) & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = number;
    }
  }

  /** Room for the keys of at least `sessions` sessions, doubling. */
  private growKeys(sessions: number): void {
    const length = Math.max(sessions, this.lows.length * 2);
    const lows = new Float64Array(length);
    const highs = new Float64Array(length);
    lows.set(this.lows);
    highs.set(this.highs);
    this.lows = lows;
    this.highs = highs;
  }
}

/**
 * Where the open addressing starts for an id's two halves (integers below 2^53): the low 32 bits
 * and the rest of `low` by integer operations, cheaper than a floating-point remainder.
 */
function slotHash(low: number, high: number): number {
  return Math.imul((low | 0) ^ Math.imul((low / 0x100000000) | 0, 0x27d4eb2f) ^ Math.imul(high | 0, 0x9e3779b1), 0x85ebca6b) >>> 0;
}
