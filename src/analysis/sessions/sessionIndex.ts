/**
 * Session names → session indices in order of first appearance, for the assembler that unites the
 * lanes' session numbers. The names are kept anyway (the report's ids): the index over them is an
 * open-addressing table of indices, 4 bytes a slot, where a Map of HDFS's 561K block ids took 28 MiB
 * of the heap at the end of reading, its peak.
 */

const EMPTY = -1;
/** Filled share of the table before it doubles. */
const MAX_LOAD = 0.75;

export class SessionIndex {
  /** By index. */
  readonly names: string[] = [];
  private slots = new Int32Array(1 << 12).fill(EMPTY);

  /** The index of `name`, a new one the first time it is met. */
  indexOf(name: string): number {
    const mask = this.slots.length - 1;
    for (let slot = nameHash(name) & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot];
      if (index === EMPTY) {
        const fresh = this.names.length;
        this.names.push(name);
        this.slots[slot] = fresh;
        if (this.names.length > this.slots.length * MAX_LOAD) this.grow();
        return fresh;
      }
      if (this.names[index] === name) return index;
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let index = 0; index < this.names.length; index++) {
      let slot = nameHash(this.names[index]) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 units, finished with a multiply that spreads the low bits the mask keeps. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return Math.imul(hash ^ (hash >>> 15), 0x85ebca6b) >>> 0;
}
