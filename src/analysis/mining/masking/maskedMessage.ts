/**
 * A masked message as the masker leaves it in reusable buffers: tokens, each a list of pieces (a range of the
 * message, or a mask id), so that a message whose shape is already known costs a scan and a hash, without
 * building strings. The hash and the numeric shape are what the lanes' shape caches key on; `materialise()`
 * builds the token strings the miner needs for a new shape.
 */
import { HASH_GAP, HASH_MASK_BASE, LITERAL, M_DATE, MASK_LIST, ROLE_DATE, ROLE_MONTH, ROLE_NONE, ROLE_QUANTITY, ROLE_WEEKDAY, TokenKind } from './masks';

/** What `key` joins the tokens with. */
export const KEY_SEPARATOR = '\u0001';

export class MaskedMessage {
  /** Number of tokens of the last masked message. */
  length = 0;
  readonly tokens: string[] = [];
  readonly kinds: TokenKind[] = [];
  /** Whether whitespace preceded the token in the message (false after an extra delimiter). */
  readonly spaced: boolean[] = [];
  /**
   * The tokens joined by KEY_SEPARATOR (after `materialise()`): a control character, which ends a word like
   * whitespace, so no token holds one (a quantity's token holds a space: `<NUM> KB`).
   */
  key = '';

  protected s = '';
  /**
   * The message's UTF-16 codes, copied once: reading a typed array is cheaper than `charCodeAt` on the slices
   * of a larger text that messages usually are, and every character is read several times. Zeros follow the
   * message, so looking a few characters past its end reads as whitespace.
   */
  protected codes = new Uint16Array(256);
  protected params: number[] | undefined;
  protected paramCount = 0;

  /** Whether a run of tokens masked alike becomes one token. */
  protected readonly collapse: boolean;
  /** The first piece of the token being built, and whether whitespace preceded it. */
  protected tokenStart = 0;
  protected currentSpaced = true;

  // Pieces: a mask id or LITERAL, and the message range a literal copies.
  protected pieceMask = new Int32Array(64);
  protected pieceFrom = new Int32Array(64);
  protected pieceTo = new Int32Array(64);
  protected pieces = 0;

  constructor(collapse: boolean) {
    this.collapse = collapse;
  }

  // Tokens: their first piece and piece count, kind, spacing, date role, and parameters pushed up to their end.
  protected tokenFirst = new Int32Array(32);
  protected tokenPieces = new Int32Array(32);
  protected tokenKind = new Uint8Array(32);
  protected tokenSpaced = new Uint8Array(32);
  protected tokenRole = new Uint8Array(32);
  protected paramEnd = new Int32Array(32);

  /** A hash of the masked message (equal masked messages hash alike). */
  hash(): number {
    const codes = this.codes;
    let h = 0x811c9dc5;
    for (let t = 0; t < this.length; t++) {
      if (t > 0) h = Math.imul(h ^ HASH_GAP, 0x01000193);
      const last = this.tokenFirst[t] + this.tokenPieces[t];
      for (let p = this.tokenFirst[t]; p < last; p++) {
        const mask = this.pieceMask[p];
        if (mask !== LITERAL) h = Math.imul(h ^ (HASH_MASK_BASE + mask), 0x01000193);
        else for (let k = this.pieceFrom[p], to = this.pieceTo[p]; k < to; k++) h = Math.imul(h ^ codes[k], 0x01000193);
      }
    }
    return h & 0x3fffffff; // a small integer, which V8 keeps unboxed and maps look up faster
  }

  /**
   * The masked message as numbers, for the cache: a literal character is its code (0..65535), a
   * mask is -2 - its id, and -1 separates tokens. Compared with `matchesShape`, typed array to typed
   * array, which is much cheaper than comparing strings.
   */
  shape(): Int32Array {
    let size = Math.max(0, this.length - 1);
    for (let p = 0; p < this.pieces; p++) size += this.pieceMask[p] === LITERAL ? this.pieceTo[p] - this.pieceFrom[p] : 1;
    const shape = new Int32Array(size);
    let at = 0;
    for (let t = 0; t < this.length; t++) {
      if (t > 0) shape[at++] = -1;
      const last = this.tokenFirst[t] + this.tokenPieces[t];
      for (let p = this.tokenFirst[t]; p < last; p++) {
        const mask = this.pieceMask[p];
        if (mask !== LITERAL) shape[at++] = -2 - mask;
        else for (let k = this.pieceFrom[p], to = this.pieceTo[p]; k < to; k++) shape[at++] = this.codes[k];
      }
    }
    return shape;
  }

  /** Whether the masked message has this `shape()`. */
  matchesShape(shape: Int32Array): boolean {
    const codes = this.codes;
    let at = 0;
    for (let t = 0; t < this.length; t++) {
      if (t > 0 && shape[at++] !== -1) return false;
      const last = this.tokenFirst[t] + this.tokenPieces[t];
      for (let p = this.tokenFirst[t]; p < last; p++) {
        const mask = this.pieceMask[p];
        if (mask !== LITERAL) {
          if (shape[at++] !== -2 - mask) return false;
        } else {
          const to = this.pieceTo[p];
          if (at + to - this.pieceFrom[p] > shape.length) return false;
          for (let k = this.pieceFrom[p]; k < to; k++) if (shape[at++] !== codes[k]) return false;
        }
      }
    }
    return at === shape.length;
  }

  /** Builds `tokens`, `kinds`, `spaced` and `key` of the last masked message. */
  materialise(): void {
    const s = this.s;
    for (let t = 0; t < this.length; t++) {
      let token = '';
      const last = this.tokenFirst[t] + this.tokenPieces[t];
      for (let p = this.tokenFirst[t]; p < last; p++) {
        const mask = this.pieceMask[p];
        token += mask === LITERAL ? s.slice(this.pieceFrom[p], this.pieceTo[p]) : MASK_LIST[mask];
      }
      this.tokens[t] = token;
      this.kinds[t] = this.tokenKind[t] as TokenKind;
      this.spaced[t] = this.tokenSpaced[t] === 1;
    }
    this.tokens.length = this.length;
    this.kinds.length = this.length;
    this.spaced.length = this.length;
    // join() gives one flat string: a key kept in a cache holds no pieces of the message.
    this.key = this.tokens.join(KEY_SEPARATOR);
  }

  protected addPiece(mask: number, from: number, to: number): void {
    const n = this.pieces;
    if (mask === LITERAL) {
      if (to <= from) return;
      // Adjacent literal ranges are one piece, so equal tokens always have equal pieces.
      if (n > this.tokenStart && this.pieceMask[n - 1] === LITERAL && this.pieceTo[n - 1] === from) {
        this.pieceTo[n - 1] = to;
        return;
      }
    }
    if (n === this.pieceMask.length) {
      this.pieceMask = grow(this.pieceMask);
      this.pieceFrom = grow(this.pieceFrom);
      this.pieceTo = grow(this.pieceTo);
    }
    this.pieceMask[n] = mask;
    this.pieceFrom[n] = from;
    this.pieceTo[n] = to;
    this.pieces = n + 1;
  }

  protected closeToken(kind: TokenKind, role: number): void {
    const n = this.length;
    const first = this.tokenStart;
    const count = this.pieces - first;
    if (this.collapse && n > 0 && kind === TokenKind.masked && this.tokenKind[n - 1] === TokenKind.masked && this.sameAsPrevious(first, count)) {
      // A list of the same kind of variable (`<BLK> <BLK> <BLK>`, `user_<ID> user_<ID>`) is one token; its values stay with it.
      this.pieces = first;
      this.paramEnd[n - 1] = this.paramCount;
      return;
    }
    if (n === this.tokenFirst.length) {
      this.tokenFirst = grow(this.tokenFirst);
      this.tokenPieces = grow(this.tokenPieces);
      this.tokenKind = grow(this.tokenKind);
      this.tokenSpaced = grow(this.tokenSpaced);
      this.tokenRole = grow(this.tokenRole);
      this.paramEnd = grow(this.paramEnd);
    }
    this.tokenFirst[n] = first;
    this.tokenPieces[n] = count;
    this.tokenKind[n] = kind;
    this.tokenSpaced[n] = this.currentSpaced ? 1 : 0;
    this.tokenRole[n] = role;
    this.paramEnd[n] = this.paramCount;
    this.length = n + 1;
  }

  /**
   * Makes the last token closed part of the one before it, as a quantity: `5.2` `KB` is one parameter
   * `<NUM> KB`, and `(18.4 KB)` after `18846 bytes` restates it. The last token opens with a literal piece,
   * which takes the one character before it (the gap) so the joined token reads as written.
   */
  protected joinLastTwo(): void {
    const n = this.length;
    this.pieceFrom[this.tokenFirst[n - 1]] -= 1;
    this.tokenPieces[n - 2] += this.tokenPieces[n - 1];
    this.paramEnd[n - 2] = this.paramEnd[n - 1];
    this.tokenRole[n - 2] = ROLE_QUANTITY;
    this.length = n - 1;
  }

  /** Whether the token of `count` pieces from `first` masks to the same text as the last token closed. */
  private sameAsPrevious(first: number, count: number): boolean {
    const previous = this.tokenFirst[this.length - 1];
    if (this.tokenPieces[this.length - 1] !== count) return false;
    const codes = this.codes;
    for (let p = 0; p < count; p++) {
      const a = previous + p;
      const b = first + p;
      if (this.pieceMask[a] !== this.pieceMask[b]) return false;
      if (this.pieceMask[a] !== LITERAL) continue;
      const length = this.pieceTo[a] - this.pieceFrom[a];
      if (this.pieceTo[b] - this.pieceFrom[b] !== length) return false;
      for (let k = 0; k < length; k++) if (codes[this.pieceFrom[a] + k] !== codes[this.pieceFrom[b] + k]) return false;
    }
    return true;
  }

  /** Runs of month/weekday names, days, years and times holding a month become one `<DATE>`. */
  protected collapseDates(): void {
    const roles = this.tokenRole;
    const n = this.length;
    let out = 0;
    let t = 0;
    while (t < n) {
      if (!isDatePart(roles[t])) {
        this.moveToken(t, out++);
        t++;
        continue;
      }
      let end = t;
      let months = 0;
      let values = 0;
      while (end < n && isDatePart(roles[end])) {
        if (roles[end] === ROLE_MONTH) months++;
        else if (roles[end] !== ROLE_WEEKDAY) values++;
        end++;
      }
      if (months === 0 || values === 0) {
        for (let k = t; k < end; k++) this.moveToken(k, out++);
      } else {
        const paramsBefore = t === 0 ? 0 : this.paramEnd[t - 1];
        const dropped = this.paramEnd[end - 1] - paramsBefore;
        if (dropped > 0 && this.params !== undefined) this.params.splice(this.params.length - this.paramCount + paramsBefore, dropped);
        for (let k = end; k < n; k++) this.paramEnd[k] -= dropped;
        this.paramCount -= dropped;
        const spaced = this.tokenSpaced[t];
        this.tokenStart = this.pieces;
        this.addPiece(M_DATE, 0, 0);
        this.tokenFirst[out] = this.tokenStart;
        this.tokenPieces[out] = 1;
        this.tokenKind[out] = TokenKind.masked;
        this.tokenSpaced[out] = spaced;
        this.tokenRole[out] = ROLE_DATE;
        this.paramEnd[out] = paramsBefore;
        out++;
      }
      t = end;
    }
    this.length = out;
  }

  private moveToken(from: number, to: number): void {
    if (from === to) return;
    this.tokenFirst[to] = this.tokenFirst[from];
    this.tokenPieces[to] = this.tokenPieces[from];
    this.tokenKind[to] = this.tokenKind[from];
    this.tokenSpaced[to] = this.tokenSpaced[from];
    this.tokenRole[to] = this.tokenRole[from];
    this.paramEnd[to] = this.paramEnd[from];
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

function isDatePart(role: number): boolean {
  return role !== ROLE_NONE && role !== ROLE_QUANTITY;
}
