/**
 * Masking of variables before the tree search: IPs, ports, numbers, ids, paths, dates... become typed masks
 * (`<IP>`, `<NUM>`, ...) so that lines of one event look alike and templates stay readable. It is a hand-written
 * character scanner (no regular expressions on the hot path): the miner masks every line of files with
 * millions of them.
 */
import { DEFAULT_MINER_CONFIG, MASK_KINDS, type MaskKind, type MinerConfig } from './config';
import {
  AT,
  BACKSLASH,
  CLASS,
  COLON,
  COLON_CLASS,
  COMMA,
  DATE_WORD_PREFIXES,
  DIGIT,
  DOT,
  DOT_CLASS,
  HEX_LETTER,
  HOST,
  INNER,
  JOIN_CLASS,
  LEAD,
  LETTER,
  MINUS,
  MONTHS,
  OTHER,
  PLUS,
  SLASH,
  SLASH_CLASS,
  SPECIAL,
  SPLIT,
  TILDE,
  TRAIL,
  UNITS,
  WEEKDAYS,
  hostPortColon,
  idStart,
  integerValue,
  ipv4End,
  isAsciiLetter,
  isBlock,
  isDate,
  isDayOrYear,
  isDigit,
  isDigitGroups,
  isHex,
  isHexDigit,
  isHostname,
  isIpv6,
  isMac,
  isPath,
  isSchemeChar,
  isUuid,
  isVersion,
  numberEnd,
  prefixCode,
  timeEnd,
} from './scanners';

/** Typed masks; `<*>` is what Drain writes where the values of one template differ. */
export const MASK = {
  url: '<URL>',
  path: '<PATH>',
  date: '<DATE>',
  time: '<TIME>',
  uuid: '<UUID>',
  mac: '<MAC>',
  ip: '<IP>',
  port: '<PORT>',
  hex: '<HEX>',
  block: '<BLK>',
  number: '<NUM>',
  version: '<VER>',
  host: '<HOST>',
  id: '<ID>',
  wildcard: '<*>',
} as const;

/**
 * What a token is, for the tree: plain words route messages; anything else goes to the wildcard branch.
 * A `value` is literal text that still looks variable: it has digits (`ssh2`, `FNANLI5`), or it is a unit
 * after a number (`KB` in `5.2 KB`).
 */
export const TokenKind = { word: 0, value: 1, masked: 2 } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

// What a token can contribute to a date written as several words ("Sun Dec 04 04:47:44 2005").
const ROLE_NONE = 0;
const ROLE_MONTH = 1;
const ROLE_WEEKDAY = 2;
const ROLE_DAY_OR_YEAR = 3;
const ROLE_TIME = 4;
const ROLE_DATE = 5;

/** Masks by small integer id, as the piece buffer stores them. */
const MASK_LIST: readonly string[] = Object.values(MASK);
const M_URL = MASK_LIST.indexOf(MASK.url);
const M_PATH = MASK_LIST.indexOf(MASK.path);
const M_DATE = MASK_LIST.indexOf(MASK.date);
const M_TIME = MASK_LIST.indexOf(MASK.time);
const M_UUID = MASK_LIST.indexOf(MASK.uuid);
const M_MAC = MASK_LIST.indexOf(MASK.mac);
const M_IP = MASK_LIST.indexOf(MASK.ip);
const M_PORT = MASK_LIST.indexOf(MASK.port);
const M_HEX = MASK_LIST.indexOf(MASK.hex);
const M_BLOCK = MASK_LIST.indexOf(MASK.block);
const M_NUMBER = MASK_LIST.indexOf(MASK.number);
const M_VERSION = MASK_LIST.indexOf(MASK.version);
const M_HOST = MASK_LIST.indexOf(MASK.host);
const M_ID = MASK_LIST.indexOf(MASK.id);
/** Piece that copies message text instead of naming a mask. */
const LITERAL = -1;
/** Hash inputs outside the UTF-16 range: a mask id, and the gap between tokens. */
const HASH_MASK_BASE = 0x10000;
const HASH_GAP = 0x20000;

/**
 * Masks one message at a time into reusable buffers. A masked message is a list of tokens, each a list of
 * pieces (a range of the message, or a mask), so that a message whose shape is already known costs a scan and
 * a hash, without building strings. `materialise()` builds `tokens`, `kinds`, `spaced` and `key` when needed.
 */
export class Masker {
  /** Number of tokens of the last masked message. */
  length = 0;
  readonly tokens: string[] = [];
  readonly kinds: TokenKind[] = [];
  /** Whether whitespace preceded the token in the message (false after an extra delimiter). */
  readonly spaced: boolean[] = [];
  /** The tokens joined by single spaces (after `materialise()`). */
  key = '';

  private readonly enabled: Readonly<Record<MaskKind, boolean>>;
  private readonly classes = CLASS.slice();
  private readonly collapse: boolean;

  private s = '';
  private params: number[] | undefined;
  private paramCount = 0;
  private sawMonth = false;

  // Pieces: a mask id or LITERAL, and the message range a literal copies.
  private pieceMask = new Int32Array(64);
  private pieceFrom = new Int32Array(64);
  private pieceTo = new Int32Array(64);
  private pieces = 0;

  // Tokens: their first piece and piece count, kind, spacing, date role, and parameters pushed up to their end.
  private tokenFirst = new Int32Array(32);
  private tokenPieces = new Int32Array(32);
  private tokenKind = new Uint8Array(32);
  private tokenSpaced = new Uint8Array(32);
  private tokenRole = new Uint8Array(32);
  private paramEnd = new Int32Array(32);

  // The token being built.
  private tokenStart = 0;
  private literalFrom = 0;
  private currentMasked = false;
  private currentDigits = false;
  private currentSpaced = true;
  private wordMasks = 0;
  private wordNumber = 0;
  /** The previous word was a bare number, so a unit may follow. */
  private afterNumber = false;

  constructor(config: Pick<MinerConfig, 'masks' | 'extraDelimiters' | 'collapseRepeatedMasks'> = DEFAULT_MINER_CONFIG) {
    const enabled = {} as Record<MaskKind, boolean>;
    for (const kind of MASK_KINDS) enabled[kind] = config.masks.includes(kind);
    this.enabled = enabled;
    // `=` and `:` separate keys from values: when they do not end tokens, they still split parts.
    for (const ch of '=:') this.classes[ch.charCodeAt(0)] |= INNER | SPECIAL;
    for (const ch of config.extraDelimiters) {
      const code = ch.charCodeAt(0);
      if (code < 128) this.classes[code] = (this.classes[code] & ~INNER) | SPLIT | SPECIAL;
    }
    this.collapse = config.collapseRepeatedMasks;
  }

  /** Masks `message`; when `params` is given, appends the values of its `<NUM>` tokens in order. */
  mask(message: string, params?: number[]): void {
    this.s = message;
    this.params = params;
    this.paramCount = 0;
    this.length = 0;
    this.pieces = 0;
    this.sawMonth = false;
    this.afterNumber = false;
    const classes = this.classes;
    const n = message.length;
    let i = 0;
    for (;;) {
      while (i < n && message.charCodeAt(i) <= 32) i++;
      if (i >= n) break;
      let j = i;
      let flags = 0;
      let flagsBeforeLast = 0;
      do {
        const code = message.charCodeAt(j);
        if (code <= 32) break;
        flagsBeforeLast = flags;
        flags |= code < 128 ? classes[code] : LETTER | OTHER;
      } while (++j < n);
      this.word(i, j, flags, flagsBeforeLast);
      i = j;
    }
    if (this.sawMonth) this.collapseDates();
  }

  /** A hash of the masked message (equal masked messages hash alike). */
  hash(): number {
    const s = this.s;
    let h = 0x811c9dc5;
    for (let t = 0; t < this.length; t++) {
      if (t > 0) h = Math.imul(h ^ HASH_GAP, 0x01000193);
      const last = this.tokenFirst[t] + this.tokenPieces[t];
      for (let p = this.tokenFirst[t]; p < last; p++) {
        const mask = this.pieceMask[p];
        if (mask !== LITERAL) h = Math.imul(h ^ (HASH_MASK_BASE + mask), 0x01000193);
        else for (let k = this.pieceFrom[p], to = this.pieceTo[p]; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
      }
    }
    return h & 0x3fffffff; // a small integer, which V8 keeps unboxed and maps look up faster
  }

  /** Whether the masked message equals a `key` built by `materialise()`, compared without building it. */
  matchesKey(key: string): boolean {
    const s = this.s;
    let at = 0;
    for (let t = 0; t < this.length; t++) {
      if (t > 0 && key.charCodeAt(at++) !== 32) return false;
      const last = this.tokenFirst[t] + this.tokenPieces[t];
      for (let p = this.tokenFirst[t]; p < last; p++) {
        const mask = this.pieceMask[p];
        if (mask !== LITERAL) {
          const text = MASK_LIST[mask];
          if (!key.startsWith(text, at)) return false;
          at += text.length;
        } else {
          for (let k = this.pieceFrom[p], to = this.pieceTo[p]; k < to; k++) if (key.charCodeAt(at++) !== s.charCodeAt(k)) return false;
        }
      }
    }
    return at === key.length;
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
    this.key = this.tokens.join(' ');
  }

  // ---- words -------------------------------------------------------------------------------------------

  /** One whitespace-separated word [a, b), with the classes of all its characters and of all but the last. */
  private word(a: number, b: number, flags: number, flagsBeforeLast: number): void {
    const s = this.s;
    const classes = this.classes;
    let c = a;
    let d = b;
    while (c < d && (classOf(classes, s.charCodeAt(c)) & LEAD) !== 0) c++;
    while (d > c && (classOf(classes, s.charCodeAt(d - 1)) & TRAIL) !== 0) d--;
    if (c === a && d === b - 1) flags = flagsBeforeLast; // the common `word,` or `key:`
    else if (c > a || d < b) {
      flags = 0;
      for (let k = c; k < d; k++) flags |= classOf(classes, s.charCodeAt(k));
    }
    this.tokenStart = this.pieces;
    this.literalFrom = a;
    this.currentMasked = false;
    this.currentDigits = false;
    this.currentSpaced = true;
    this.wordMasks = 0;
    if ((flags & (DIGIT | SPECIAL)) === 0) {
      if ((flags & DOT_CLASS) !== 0 && this.enabled.hostname && isHostname(s, c, d)) this.emitMask(c, d, M_HOST);
      this.endWord(b, c, d);
      return;
    }
    if ((flags & (COLON_CLASS | SLASH_CLASS)) === (COLON_CLASS | SLASH_CLASS) && this.enabled.url) {
      let url = c + 1;
      while (url + 3 < d && !(s.charCodeAt(url) === COLON && s.charCodeAt(url + 1) === SLASH && s.charCodeAt(url + 2) === SLASH)) url++;
      if (url + 3 < d) {
        let start = url;
        while (start > c && isSchemeChar(s.charCodeAt(start - 1))) start--;
        if (start < url) {
          if (start > c) this.pairs(c, start, b, -1);
          this.emitMask(start, d, M_URL);
          this.endWord(b, c, d);
          return;
        }
      }
    }
    this.pairs(c, d, b, flags);
    this.endWord(b, c, d);
  }

  /**
   * Splits the core [c, d) of a word after extra delimiters (`uid=0` → `uid=` `0`). Before each split the rest
   * of the word is tried as one variable, so `Path:/a/b`, `id:0x1f` and `10.1.2.3:50010:Got` keep their values whole.
   */
  private pairs(c: number, d: number, wordEnd: number, coreKinds: number): void {
    const s = this.s;
    const classes = this.classes;
    let from = c;
    while (from < d) {
      if (this.recognise(from, d, true, from === c ? coreKinds : -1)) return;
      let k = from;
      while (k < d && (classOf(classes, s.charCodeAt(k)) & SPLIT) === 0) k++;
      if (k === d) {
        this.parts(from, d, true);
        return;
      }
      if (s.charCodeAt(k) === COLON) {
        // A value with its own colon inside the part (ip:port, host:port, a time): `host/10.1.2.3:50010`.
        let left = k;
        while (left > from && (classOf(classes, s.charCodeAt(left - 1)) & INNER) === 0) left--;
        let right = k + 1;
        while (right < d && (classOf(classes, s.charCodeAt(right)) & (INNER | SPLIT)) === 0) right++;
        if (left < k && right > k + 1 && (left > from || right < d)) {
          if (left > from) this.parts(from, left, false);
          if (this.recognise(left, right, false)) {
            if (right < d && (classOf(classes, s.charCodeAt(right)) & SPLIT) !== 0) {
              if (right + 1 < wordEnd) this.breakAfter(right + 1);
              from = right + 1;
            } else from = right;
            continue;
          }
          from = left;
        }
      }
      if (k > from) this.parts(from, k, false);
      if (k + 1 < wordEnd) this.breakAfter(k + 1);
      from = k + 1;
    }
  }

  /** Splits [c, d) at inner delimiters (`/ @ , ( ) [ ]`...) and recognises each part; all of it was tried if `tried`. */
  private parts(c: number, d: number, tried: boolean): void {
    const s = this.s;
    let p = c;
    while (p < d) {
      let q = p;
      while (q < d && (classOf(this.classes, s.charCodeAt(q)) & INNER) === 0) q++;
      if (q > p) {
        const alreadyTried = tried && p === c && q === d;
        if (alreadyTried || !this.recognise(p, q, false)) this.noteLiteral(p, q);
      }
      p = q + 1;
    }
  }

  private noteLiteral(x: number, y: number): void {
    for (let k = x; k < y; k++) {
      if (isDigit(this.s.charCodeAt(k))) {
        this.currentDigits = true;
        return;
      }
    }
  }

  // ---- recognisers -------------------------------------------------------------------------------------

  /**
   * Masks [x, y) if it is one known kind of variable, whole. `core` is true for the core of a whole word;
   * `known` is the union of the character classes of [x, y) when the caller has it, else -1.
   */
  private recognise(x: number, y: number, core: boolean, known = -1): boolean {
    const s = this.s;
    const on = this.enabled;
    const first = s.charCodeAt(x);
    if (
      first === SLASH ||
      first === TILDE ||
      first === DOT ||
      first === BACKSLASH ||
      (core && isAsciiLetter(first) && s.charCodeAt(x + 1) === COLON && (s.charCodeAt(x + 2) === BACKSLASH || s.charCodeAt(x + 2) === SLASH))
    ) {
      if (first === SLASH && on.ip && isDigit(s.charCodeAt(x + 1)) && this.ipWithPort(x + 1, y)) return true;
      if (core && on.path && isPath(s, x, y)) return this.emitMask(x, y, M_PATH);
      return false;
    }
    // One pass over the part tells which recognisers can match at all.
    let kinds = known;
    if (kinds < 0) {
      kinds = 0;
      for (let k = x; k < y; k++) {
        const code = s.charCodeAt(k);
        kinds |= code < 128 ? CLASS[code] : LETTER | OTHER;
      }
    }
    kinds &= ~(SPLIT | SPECIAL);
    const length = y - x;
    if (isDigit(first) || ((first === MINUS || first === PLUS) && isDigit(s.charCodeAt(x + 1)))) {
      const separators = kinds & (DOT_CLASS | COLON_CLASS | JOIN_CLASS | SLASH_CLASS);
      const afterAt = x > 0 && s.charCodeAt(x - 1) === AT;
      if (on.hex && separators === 0 && (afterAt || (kinds & (HEX_LETTER | OTHER)) !== 0) && isHex(s, x, y)) return this.emitMask(x, y, M_HEX);
      if ((kinds & ~(DIGIT | HOST)) === 0) return on.number && this.emitNumber(x, y, y); // the common case: digits
      if ((kinds & OTHER) === 0 || (kinds & (SLASH_CLASS | COLON_CLASS)) !== 0) {
        if (on.date && (kinds & (JOIN_CLASS | SLASH_CLASS)) !== 0 && isDate(s, x, y)) return this.emitMask(x, y, M_DATE);
        if (on.time && (kinds & COLON_CLASS) !== 0 && timeEnd(s, x, y) === y) return this.emitMask(x, y, M_TIME);
        if (on.uuid && length === 36 && isUuid(s, x, y)) return this.emitMask(x, y, M_UUID);
        if (on.mac && length === 17 && isMac(s, x, y)) return this.emitMask(x, y, M_MAC);
        if (on.ip && (kinds & (DOT_CLASS | LETTER)) === DOT_CLASS && this.ipWithPort(x, y)) return true;
        if (on.ip && (kinds & COLON_CLASS) !== 0 && isIpv6(s, x, y)) return this.emitMask(x, y, M_IP);
      }
      if (on.number) {
        const end = numberEnd(s, x, y);
        if (end > 0) return this.emitNumber(x, end, y);
      }
      if (on.version && (kinds & DOT_CLASS) !== 0 && isVersion(s, x, y)) return this.emitMask(x, y, M_VERSION);
      if (on.id && (kinds & JOIN_CLASS) !== 0 && isDigitGroups(s, x, y)) return this.emitMask(x, y, M_ID);
    } else if (isHexDigit(first)) {
      if (on.ip && (kinds & COLON_CLASS) !== 0 && isIpv6(s, x, y)) return this.emitMask(x, y, M_IP);
      if ((kinds & OTHER) === 0) {
        if (on.uuid && length === 36 && isUuid(s, x, y)) return this.emitMask(x, y, M_UUID);
        if (on.mac && length === 17 && isMac(s, x, y)) return this.emitMask(x, y, M_MAC);
        if (on.hex && (kinds & DIGIT) !== 0 && isHex(s, x, y)) return this.emitMask(x, y, M_HEX);
      }
    } else if (first === COLON && on.ip && isIpv6(s, x, y)) {
      return this.emitMask(x, y, M_IP);
    }
    if (!isAsciiLetter(first) && !isDigit(first)) return false;
    if (on.block && first === 98 && isBlock(s, x, y)) return this.emitMask(x, y, M_BLOCK);
    if (on.hostPort && (kinds & COLON_CLASS) !== 0) {
      const colon = hostPortColon(s, x, y);
      if (colon > 0) {
        this.emitMask(x, colon, M_HOST);
        return this.emitMask(colon + 1, y, M_PORT);
      }
    }
    if (on.hostname && (kinds & DOT_CLASS) !== 0 && isHostname(s, x, y)) return this.emitMask(x, y, M_HOST);
    if (on.id && (kinds & (JOIN_CLASS | DOT_CLASS)) !== 0 && (kinds & DIGIT) !== 0) {
      const from = idStart(s, x, y);
      if (from > 0) return this.emitMask(from, y, M_ID);
    }
    return false;
  }

  /** `<NUM>` over [x, end), a unit up to y scaling the value pushed to the parameters. */
  private emitNumber(x: number, end: number, y: number): true {
    const s = this.s;
    const integer = integerValue(s, x, end);
    if (this.params !== undefined) {
      const value = Number.isNaN(integer) ? Number(s.slice(x, end)) : integer;
      this.params.push(end < y ? value * (UNITS.get(s.slice(end, y)) ?? 1) : value);
    }
    this.paramCount++;
    this.wordNumber = end === y ? integer : -1;
    return this.emitMask(x, end, M_NUMBER);
  }

  /** IPv4 address, optionally with `:port` or `/prefix`. */
  private ipWithPort(x: number, y: number): boolean {
    const end = ipv4End(this.s, x, y);
    if (end < 0) return false;
    if (end === y) return this.emitMask(x, y, M_IP);
    const s = this.s;
    const sep = s.charCodeAt(end);
    if ((sep === COLON || sep === SLASH) && end + 1 < y && end + 6 >= y) {
      for (let k = end + 1; k < y; k++) if (!isDigit(s.charCodeAt(k))) return false;
      this.emitMask(x, end, M_IP);
      return this.emitMask(end + 1, y, sep === COLON ? M_PORT : M_NUMBER);
    }
    return false;
  }

  // ---- emitting tokens ---------------------------------------------------------------------------------

  private addPiece(mask: number, from: number, to: number): void {
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

  private emitMask(from: number, to: number, mask: number): true {
    this.addPiece(LITERAL, this.literalFrom, from);
    this.addPiece(mask, from, to);
    this.literalFrom = to;
    this.currentMasked = true;
    this.wordMasks++;
    return true;
  }

  /** Ends the current token after an extra delimiter; the rest of the word starts a new, unspaced token. */
  private breakAfter(at: number): void {
    this.addPiece(LITERAL, this.literalFrom, at);
    this.closeToken(this.kindOfCurrent(), ROLE_NONE);
    this.tokenStart = this.pieces;
    this.literalFrom = at;
    this.currentMasked = false;
    this.currentDigits = false;
    this.currentSpaced = false;
    this.wordMasks = 2; // a split word is never one date part
  }

  private endWord(b: number, c: number, d: number): void {
    const s = this.s;
    this.addPiece(LITERAL, this.literalFrom, b);
    let role = ROLE_NONE;
    let kind = this.kindOfCurrent();
    const afterNumber = this.afterNumber;
    // A unit may follow a word ending in a number: `5.2 KB`, `(1.16 KB)`.
    this.afterNumber = this.pieces > this.tokenStart && this.pieceMask[this.pieces - 1] === M_NUMBER && this.currentSpaced;
    if (this.wordMasks === 0) {
      const length = d - c;
      const factor = afterNumber && kind === TokenKind.word && length <= 7 ? UNITS.get(s.slice(c, d)) : undefined;
      if (factor !== undefined) {
        // `5.2 KB`: the unit varies with the number, and scales its value.
        kind = TokenKind.value;
        if (this.params !== undefined && this.paramCount > 0) this.params[this.params.length - 1] *= factor;
      } else if (length >= 3 && length <= 9 && kind === TokenKind.word && isUpper(s.charCodeAt(c)) && DATE_WORD_PREFIXES.has(prefixCode(s, c))) {
        const core = s.slice(c, d);
        if (MONTHS.has(core)) {
          role = ROLE_MONTH;
          this.sawMonth = true;
        } else if (WEEKDAYS.has(core)) role = ROLE_WEEKDAY;
      }
    } else if (this.wordMasks === 1 && this.currentSpaced) {
      // A date part may carry a trailing comma, nothing else.
      const pieces = this.pieces - this.tokenStart;
      const mask = this.pieceMask[this.tokenStart];
      const bare = pieces === 1 || (pieces === 2 && b - d === 1 && s.charCodeAt(d) === COMMA && this.pieceFrom[this.tokenStart + 1] === d);
      if (bare && mask === M_TIME) role = ROLE_TIME;
      else if (bare && mask === M_DATE) role = ROLE_DATE;
      else if (bare && mask === M_NUMBER && isDayOrYear(this.wordNumber)) role = ROLE_DAY_OR_YEAR;
    }
    this.closeToken(kind, role);
  }

  private kindOfCurrent(): TokenKind {
    if (this.currentMasked) return TokenKind.masked;
    if (this.currentDigits) return TokenKind.value;
    if (this.currentSpaced && this.wordMasks === 0) return TokenKind.word;
    for (let p = this.tokenStart; p < this.pieces; p++) {
      for (let k = this.pieceFrom[p]; k < this.pieceTo[p]; k++) if (isDigit(this.s.charCodeAt(k))) return TokenKind.value;
    }
    return TokenKind.word;
  }

  private closeToken(kind: TokenKind, role: number): void {
    const n = this.length;
    const first = this.tokenStart;
    const count = this.pieces - first;
    if (this.collapse && n > 0 && count === 1 && this.pieceMask[first] !== LITERAL) {
      const previous = this.tokenFirst[n - 1];
      if (this.tokenPieces[n - 1] === 1 && this.pieceMask[previous] === this.pieceMask[first]) {
        // A list of the same variable (`<BLK> <BLK> <BLK>`) is one token; its values stay with it.
        this.pieces = first;
        this.paramEnd[n - 1] = this.paramCount;
        return;
      }
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

  /** Runs of month/weekday names, days, years and times holding a month become one `<DATE>`. */
  private collapseDates(): void {
    const roles = this.tokenRole;
    const n = this.length;
    let out = 0;
    let t = 0;
    while (t < n) {
      if (roles[t] === ROLE_NONE) {
        this.moveToken(t, out++);
        t++;
        continue;
      }
      let end = t;
      let months = 0;
      let values = 0;
      while (end < n && roles[end] !== ROLE_NONE) {
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

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function classOf(classes: Uint16Array, code: number): number {
  return code < 128 ? classes[code] : LETTER | OTHER;
}

function grow<T extends Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Convenience for callers outside the miner and for tests: the masked text, its tokens and its numbers. */
export function maskMessage(
  message: string,
  config: Pick<MinerConfig, 'masks' | 'extraDelimiters' | 'collapseRepeatedMasks'> = DEFAULT_MINER_CONFIG,
): { readonly text: string; readonly tokens: readonly string[]; readonly numbers: readonly number[] } {
  const masker = new Masker(config);
  const numbers: number[] = [];
  masker.mask(message, numbers);
  masker.materialise();
  const tokens = masker.tokens.slice(0, masker.length);
  let text = '';
  for (let t = 0; t < tokens.length; t++) text += (t > 0 && masker.spaced[t] ? ' ' : '') + tokens[t];
  return { text, tokens, numbers };
}
