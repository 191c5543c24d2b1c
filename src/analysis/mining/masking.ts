/**
 * Masking of variables before the tree search: IPs, ports, numbers, ids, paths, dates... become typed masks
 * (`<IP>`, `<NUM>`, ...) so that lines of one event look alike and templates stay readable. It is a hand-written
 * character scanner (no regular expressions on the hot path): the miner masks every line of files with
 * millions of them. Scanner and recognisers stay in one module on purpose: unbundled (tests, tsx scripts),
 * every use of another module's binding is a getter call, which costs in these loops.
 */
import { DEFAULT_MINER_CONFIG, MASK_KINDS, type MaskKind, type MinerConfig } from './config';

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

// Character classes of ASCII codes; anything above 127 counts as a letter of a word.
const DIGIT = 1;
const LETTER = 2;
const HEX_LETTER = 4;
const LEAD = 8; // stripped from the front of a word before recognising it
const TRAIL = 16; // stripped from the end
const INNER = 32; // splits a word into parts that are recognised one by one
const HOST = 64; // may appear in a host name label
const SPECIAL = 128; // forces the slow path (paths, splits, parts)
const DOT_CLASS = 256;
const SPLIT = 512; // an extra delimiter of the configuration
const COLON_CLASS = 1024;
const JOIN_CLASS = 2048; // `-` and `_`, which join the parts of ids, dates and UUIDs
const SLASH_CLASS = 4096;
const OTHER = 8192; // letters beyond a-f (so not hex) and other characters no number-like variable holds
const PERCENT_CLASS = 16384;

const CLASS = new Uint16Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | HOST;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER | HOST | OTHER;
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER | HOST | OTHER;
for (const ch of 'abcdefABCDEF') CLASS[ch.charCodeAt(0)] = LETTER | HOST | HEX_LETTER;
CLASS['-'.charCodeAt(0)] |= HOST | JOIN_CLASS;
CLASS['_'.charCodeAt(0)] |= JOIN_CLASS;
CLASS['/'.charCodeAt(0)] |= SLASH_CLASS;
CLASS['.'.charCodeAt(0)] |= DOT_CLASS;
for (const ch of '([{<"\'`#') CLASS[ch.charCodeAt(0)] |= LEAD;
for (const ch of ')]}>"\'`,;.:!?') CLASS[ch.charCodeAt(0)] |= TRAIL;
for (const ch of '/@,()[]{}<>|"\'`;+#!') CLASS[ch.charCodeAt(0)] |= INNER | SPECIAL;
for (const ch of '\\~:') CLASS[ch.charCodeAt(0)] |= SPECIAL;
for (let c = 0; c < 128; c++) if (CLASS[c] === 0 || (CLASS[c] & (INNER | LEAD | TRAIL)) !== 0) CLASS[c] |= OTHER;
for (const ch of '.:-_+%') CLASS[ch.charCodeAt(0)] &= ~OTHER;
CLASS['%'.charCodeAt(0)] |= PERCENT_CLASS;
CLASS[':'.charCodeAt(0)] |= COLON_CLASS;

const SLASH = 47;
const BACKSLASH = 92;
const COLON = 58;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const UNDERSCORE = 95;
const AT = 64;
const TILDE = 126;
const PERCENT = 37;
const COMMA = 44;

/** Top-level domains that end host names; English two-letter words (in, it, is, no, me...) are left out. */
const TLDS: ReadonlySet<string> = new Set(
  (
    'com net org edu gov mil int info biz arpa local lan localdomain internal ' +
    'uk de fr ru cn jp br mx eu au ca nl es ch se pl om kr tw hk sg za nz ar cl cz dk fi gr hu ie il ir pt ro sk tr ua vn th ph pk ng eg sa ae at be'
  ).split(' '),
);
const MONTHS: ReadonlySet<string> = new Set(
  'Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec January February March April June July August September October November December'
    .split(' ')
    .flatMap((name) => [name, name.toUpperCase()]),
);
const WEEKDAYS: ReadonlySet<string> = new Set(
  'Mon Tue Wed Thu Fri Sat Sun Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
    .split(' ')
    .flatMap((name) => [name, name.toUpperCase()]),
);
/** First three letters (lower-cased) of every month and weekday name, to rule most words out without slicing. */
const DATE_WORD_PREFIXES: ReadonlySet<number> = new Set(
  [...MONTHS, ...WEEKDAYS].map((name) => prefixCode(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2))),
);

function prefixCode(first: number, second: number, third: number): number {
  return ((first | 32) << 16) | ((second | 32) << 8) | (third | 32);
}

/** Units after a number (`12ms`, `5.2 KB`), with the factor to bytes or milliseconds for the parameter value. */
const UNITS: ReadonlyMap<string, number> = new Map([
  ...(['B', 'byte', 'bytes'] as const).map((unit) => [unit, 1] as const),
  ...(['K', 'KB', 'KiB', 'kB'] as const).map((unit) => [unit, 1024] as const),
  ...(['M', 'MB', 'MiB'] as const).map((unit) => [unit, 1024 ** 2] as const),
  ...(['G', 'GB', 'GiB'] as const).map((unit) => [unit, 1024 ** 3] as const),
  ...(['T', 'TB', 'TiB'] as const).map((unit) => [unit, 1024 ** 4] as const),
  ['ns', 1e-6],
  ['us', 1e-3],
  ['µs', 1e-3],
  ['ms', 1],
  ...(['s', 'sec', 'secs', 'second', 'seconds'] as const).map((unit) => [unit, 1000] as const),
  ...(['min', 'mins', 'minute', 'minutes'] as const).map((unit) => [unit, 60_000] as const),
  ...(['h', 'hr', 'hrs', 'hour', 'hours'] as const).map((unit) => [unit, 3_600_000] as const),
  ...(['day', 'days'] as const).map((unit) => [unit, 86_400_000] as const),
]);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
function isHexDigit(code: number): boolean {
  return code < 128 && (CLASS[code] & (DIGIT | HEX_LETTER)) !== 0;
}
function isAsciiLetter(code: number): boolean {
  return code < 128 && (CLASS[code] & LETTER) !== 0;
}

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
/** How many times one word's rest is tried as a whole variable before its extra delimiters simply split it. */
const WHOLE_REST_TRIES = 8;
/** Zeros kept after a message's codes: recognisers look at most this far past the range they check. */
const PAST_END = 4;
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
  /**
   * The message's UTF-16 codes, copied once: reading a typed array is cheaper than `charCodeAt` on the slices
   * of a larger text that messages usually are, and every character is read several times. Zeros follow the
   * message, so looking a few characters past its end reads as whitespace.
   */
  private codes = new Uint16Array(256);
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
    if (this.codes.length < n + PAST_END) this.codes = new Uint16Array(2 * n + PAST_END);
    const codes = this.codes;
    for (let k = 0; k < n; k++) codes[k] = message.charCodeAt(k);
    codes.fill(0, n, n + PAST_END);
    let i = 0;
    for (;;) {
      while (i < n && codes[i] <= 32) i++;
      if (i >= n) break;
      let j = i;
      let flags = 0;
      let flagsBeforeLast = 0;
      do {
        const code = codes[j];
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
    this.key = this.tokens.join(' ');
  }

  // ---- words -------------------------------------------------------------------------------------------

  /** One whitespace-separated word [a, b), with the classes of all its characters and of all but the last. */
  private word(a: number, b: number, flags: number, flagsBeforeLast: number): void {
    const s = this.s;
    const codes = this.codes;
    const classes = this.classes;
    let c = a;
    let d = b;
    while (c < d && (classOf(classes, codes[c]) & LEAD) !== 0) c++;
    while (d > c && (classOf(classes, codes[d - 1]) & TRAIL) !== 0) d--;
    if (c === a && d === b - 1) flags = flagsBeforeLast; // the common `word,` or `key:`
    else if (c > a || d < b) {
      flags = 0;
      for (let k = c; k < d; k++) flags |= classOf(classes, codes[k]);
    }
    this.tokenStart = this.pieces;
    this.literalFrom = a;
    this.currentMasked = false;
    this.currentDigits = false;
    this.currentSpaced = true;
    this.wordMasks = 0;
    if ((flags & (DIGIT | SPECIAL)) === 0) {
      if ((flags & DOT_CLASS) !== 0 && this.enabled.hostname && isHostname(s, codes, c, d)) this.emitMask(c, d, M_HOST);
      this.endWord(b, c, d);
      return;
    }
    if ((flags & (COLON_CLASS | SLASH_CLASS)) === (COLON_CLASS | SLASH_CLASS) && this.enabled.url) {
      let url = c + 1;
      while (url + 3 < d && !(codes[url] === COLON && codes[url + 1] === SLASH && codes[url + 2] === SLASH)) url++;
      if (url + 3 < d) {
        let start = url;
        while (start > c && isSchemeChar(codes[start - 1])) start--;
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
    const codes = this.codes;
    const classes = this.classes;
    let from = c;
    // Trying the whole rest costs a scan of it: a few tries cover key:value words, and a long query string
    // with thousands of `=` stays linear.
    let tries = WHOLE_REST_TRIES;
    while (from < d) {
      if (tries-- > 0 && this.recognise(from, d, true, from === c ? coreKinds : -1)) return;
      let k = from;
      while (k < d && (classOf(classes, codes[k]) & SPLIT) === 0) k++;
      if (k === d) {
        this.parts(from, d, true);
        return;
      }
      if (codes[k] === COLON) {
        // A value with its own colon inside the part (ip:port, host:port, a time): `host/10.1.2.3:50010`.
        let left = k;
        while (left > from && (classOf(classes, codes[left - 1]) & INNER) === 0) left--;
        let right = k + 1;
        while (right < d && (classOf(classes, codes[right]) & (INNER | SPLIT)) === 0) right++;
        if (left < k && right > k + 1 && (left > from || right < d)) {
          if (left > from) this.parts(from, left, false);
          if (this.recognise(left, right, false)) {
            if (right < d && (classOf(classes, codes[right]) & SPLIT) !== 0) {
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
    const codes = this.codes;
    let p = c;
    while (p < d) {
      let q = p;
      while (q < d && (classOf(this.classes, codes[q]) & INNER) === 0) q++;
      if (q > p) {
        const alreadyTried = tried && p === c && q === d;
        if (alreadyTried || !this.recognise(p, q, false)) this.noteLiteral(p, q);
      }
      p = q + 1;
    }
  }

  private noteLiteral(x: number, y: number): void {
    for (let k = x; k < y; k++) {
      if (isDigit(this.codes[k])) {
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
    const codes = this.codes;
    const on = this.enabled;
    const first = codes[x];
    if (
      first === SLASH ||
      first === TILDE ||
      first === DOT ||
      first === BACKSLASH ||
      (core && isAsciiLetter(first) && codes[x + 1] === COLON && (codes[x + 2] === BACKSLASH || codes[x + 2] === SLASH))
    ) {
      if (first === SLASH && on.ip && isDigit(codes[x + 1]) && this.ipWithPort(x + 1, y)) return true;
      if (core && on.path && isPath(codes, x, y)) return this.emitMask(x, y, M_PATH);
      return false;
    }
    // One pass over the part tells which recognisers can match at all.
    let kinds = known;
    if (kinds < 0) {
      kinds = 0;
      for (let k = x; k < y; k++) {
        const code = codes[k];
        kinds |= code < 128 ? CLASS[code] : LETTER | OTHER;
      }
    }
    kinds &= ~(SPLIT | SPECIAL);
    const length = y - x;
    if (isDigit(first) || ((first === MINUS || first === PLUS) && isDigit(codes[x + 1]))) {
      const separators = kinds & (DOT_CLASS | COLON_CLASS | JOIN_CLASS | SLASH_CLASS);
      const afterAt = x > 0 && codes[x - 1] === AT;
      if (on.hex && separators === 0 && (afterAt || (kinds & (HEX_LETTER | OTHER)) !== 0) && isHex(codes, x, y)) return this.emitMask(x, y, M_HEX);
      if ((kinds & ~(DIGIT | HOST)) === 0) return on.number && this.emitNumber(x, y, y); // the common case: digits
      if ((kinds & OTHER) === 0 || (kinds & (SLASH_CLASS | COLON_CLASS)) !== 0) {
        if (on.date && (kinds & (JOIN_CLASS | SLASH_CLASS)) !== 0 && isDate(s, codes, x, y)) return this.emitMask(x, y, M_DATE);
        if (on.time && (kinds & COLON_CLASS) !== 0 && timeEnd(codes, x, y) === y) return this.emitMask(x, y, M_TIME);
        if (on.uuid && length === 36 && isUuid(codes, x, y)) return this.emitMask(x, y, M_UUID);
        if (on.mac && length === 17 && isMac(codes, x, y)) return this.emitMask(x, y, M_MAC);
        if (on.ip && (kinds & (DOT_CLASS | LETTER)) === DOT_CLASS && this.ipWithPort(x, y)) return true;
        if (on.ip && (kinds & COLON_CLASS) !== 0 && isIpv6(codes, x, y)) return this.emitMask(x, y, M_IP);
      }
      if (on.number) {
        const end = numberEnd(codes, x, y);
        if (end > 0) return this.emitNumber(x, end, y);
      }
      if (on.version && (kinds & DOT_CLASS) !== 0 && isVersion(codes, x, y)) return this.emitMask(x, y, M_VERSION);
      if (on.id && (kinds & JOIN_CLASS) !== 0 && isDigitGroups(codes, x, y)) return this.emitMask(x, y, M_ID);
    } else if (isHexDigit(first)) {
      if (on.ip && (kinds & COLON_CLASS) !== 0 && isIpv6(codes, x, y)) return this.emitMask(x, y, M_IP);
      if ((kinds & OTHER) === 0) {
        if (on.uuid && length === 36 && isUuid(codes, x, y)) return this.emitMask(x, y, M_UUID);
        if (on.mac && length === 17 && isMac(codes, x, y)) return this.emitMask(x, y, M_MAC);
        if (on.hex && (kinds & DIGIT) !== 0 && isHex(codes, x, y)) return this.emitMask(x, y, M_HEX);
      }
    } else if (first === COLON && on.ip && isIpv6(codes, x, y)) {
      return this.emitMask(x, y, M_IP);
    }
    if (!isAsciiLetter(first) && !isDigit(first)) return false;
    if (on.block && first === 98 && isBlock(codes, x, y)) return this.emitMask(x, y, M_BLOCK);
    if (on.hostPort && (kinds & COLON_CLASS) !== 0) {
      const colon = hostPortColon(s, codes, x, y);
      if (colon > 0) {
        this.emitMask(x, colon, M_HOST);
        return this.emitMask(colon + 1, y, M_PORT);
      }
    }
    if (on.hostname && (kinds & DOT_CLASS) !== 0 && isHostname(s, codes, x, y)) return this.emitMask(x, y, M_HOST);
    if (on.id && (kinds & (JOIN_CLASS | DOT_CLASS)) !== 0 && (kinds & DIGIT) !== 0) {
      const from = idStart(codes, x, y);
      if (from > 0) return this.emitMask(from, y, M_ID);
    }
    return false;
  }

  /** `<NUM>` over [x, end), a unit up to y scaling the value pushed to the parameters. */
  private emitNumber(x: number, end: number, y: number): true {
    const s = this.s;
    const codes = this.codes;
    const integer = integerValue(codes, x, end);
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
    const end = ipv4End(this.codes, x, y);
    if (end < 0) return false;
    if (end === y) return this.emitMask(x, y, M_IP);
    const codes = this.codes;
    const sep = codes[end];
    if ((sep === COLON || sep === SLASH) && end + 1 < y && end + 6 >= y) {
      for (let k = end + 1; k < y; k++) if (!isDigit(codes[k])) return false;
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
    const codes = this.codes;
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
      } else if (length >= 3 && length <= 9 && kind === TokenKind.word && isUpper(codes[c]) && DATE_WORD_PREFIXES.has(prefixCode(codes[c], codes[c + 1], codes[c + 2]))) {
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
      const bare = pieces === 1 || (pieces === 2 && b - d === 1 && codes[d] === COMMA && this.pieceFrom[this.tokenStart + 1] === d);
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
      for (let k = this.pieceFrom[p]; k < this.pieceTo[p]; k++) if (isDigit(this.codes[k])) return TokenKind.value;
    }
    return TokenKind.word;
  }

  private closeToken(kind: TokenKind, role: number): void {
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

// ---- recognisers: pure functions over [x, y) of a string, failing fast -------------------------------

/** `0x1f`, a bare hex string of 8+ characters with a digit and a letter, or any hex after `@` (Java object ids). */
function isHex(codes: Uint16Array, x: number, y: number): boolean {
  if (codes[x] === 48 && (codes[x + 1] | 32) === 120 && y - x > 2) {
    for (let k = x + 2; k < y; k++) if (!isHexDigit(codes[k])) return false;
    return true;
  }
  // Object ids after `@` (Java's Object.toString) may be short; elsewhere bare hex needs length and a letter.
  const afterAt = x > 0 && codes[x - 1] === AT;
  if (!afterAt && y - x < 8) return false;
  let letters = 0;
  let digits = 0;
  for (let k = x; k < y; k++) {
    const code = codes[k];
    if (isDigit(code)) digits++;
    else if (isHexDigit(code)) letters++;
    else return false;
  }
  return digits > 0 && (letters > 0 || afterAt);
}

/** `/a/b` (two components, or one with a digit), `~/x`, `./x`, `../x`, `C:\\x`. */
function isPath(codes: Uint16Array, x: number, y: number): boolean {
  let slashes = 0;
  let digits = false;
  let named = 0; // characters after the first separator
  for (let k = x; k < y; k++) {
    const code = codes[k];
    if (code === SLASH || code === BACKSLASH) slashes++;
    else {
      if (slashes > 0) named++;
      if (isDigit(code)) digits = true;
    }
  }
  if (named === 0) return false;
  const first = codes[x];
  if (first === SLASH) return slashes >= 2 || digits;
  return slashes >= 1 && (first !== DOT || codes[x + 1] === SLASH || codes[x + 1] === DOT);
}

function isSchemeChar(code: number): boolean {
  return code < 128 && ((CLASS[code] & (LETTER | DIGIT)) !== 0 || code === PLUS || code === DOT || code === MINUS);
}

function isDayOrYear(value: number): boolean {
  return (value >= 1 && value <= 31) || (value >= 1900 && value <= 2100);
}

function digitsEnd(codes: Uint16Array, i: number, y: number): number {
  while (i < y && isDigit(codes[i])) i++;
  return i;
}

/** Value of a short unsigned decimal integer, or NaN for anything else (signs, fractions, long numbers). */
function integerValue(codes: Uint16Array, x: number, y: number): number {
  if (y - x > 15) return NaN;
  let value = 0;
  for (let k = x; k < y; k++) {
    const digit = codes[k] - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** End of the numeric part of an optionally signed decimal with an optional unit (`12ms`, `64KB`, `5%`), or -1. */
function numberEnd(codes: Uint16Array, x: number, y: number): number {
  let i = x;
  const first = codes[i];
  if (first === MINUS || first === PLUS) i++;
  const intEnd = digitsEnd(codes, i, y);
  if (intEnd === i) return -1;
  i = intEnd;
  if (i + 1 < y && codes[i] === DOT && isDigit(codes[i + 1])) i = digitsEnd(codes, i + 1, y);
  const e = codes[i] | 32;
  if (i + 1 < y && e === 101) {
    let k = i + 1;
    const sign = codes[k];
    if (sign === MINUS || sign === PLUS) k++;
    const expEnd = digitsEnd(codes, k, y);
    if (expEnd > k && expEnd === y) return y;
  }
  const end = i;
  if (i === y) return end;
  if (codes[i] === PERCENT) return i + 1 === y ? end : -1;
  const unitLength = y - i;
  if (unitLength > 4) return -1;
  for (; i < y; i++) if (!isAsciiLetter(codes[i])) return -1;
  return end;
}

/** `1.2.3` and longer dotted digit groups that are not IPv4 addresses. */
function isVersion(codes: Uint16Array, x: number, y: number): boolean {
  let groups = 0;
  let i = x;
  while (i < y) {
    const end = digitsEnd(codes, i, y);
    if (end === i) return false;
    groups++;
    if (end === y) break;
    if (codes[end] !== DOT) return false;
    i = end + 1;
  }
  return groups >= 3 && i < y;
}

/** Digit groups joined by `_` or `-` (`1445144423722_0020`). */
function isDigitGroups(codes: Uint16Array, x: number, y: number): boolean {
  let groups = 0;
  let i = x;
  if (codes[i] === MINUS) i++;
  while (i < y) {
    const end = digitsEnd(codes, i, y);
    if (end === i) return false;
    groups++;
    if (end === y) break;
    const sep = codes[end];
    if (sep !== UNDERSCORE && sep !== MINUS) return false;
    i = end + 1;
  }
  return groups >= 2 && i < y;
}

/** Dotted quad (each part at most 255); returns its end or -1. */
function ipv4End(codes: Uint16Array, x: number, y: number): number {
  let i = x;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (codes[i] !== DOT) return -1;
      i++;
    }
    const end = digitsEnd(codes, i, y);
    if (end === i || end - i > 3) return -1;
    if (end - i === 3 && (codes[i] - 48) * 100 + (codes[i + 1] - 48) * 10 + (codes[i + 2] - 48) > 255) return -1;
    i = end;
  }
  if (i < y && (isDigit(codes[i]) || (codes[i] === DOT && isDigit(codes[i + 1])))) return -1;
  return i;
}

function isIpv6(codes: Uint16Array, x: number, y: number): boolean {
  let colons = 0;
  let doubleColon = false;
  let group = 0;
  let digits = 0;
  for (let k = x; k < y; k++) {
    const code = codes[k];
    if (code === COLON) {
      colons++;
      if (codes[k + 1] === COLON) {
        if (doubleColon) return false;
        doubleColon = true;
      }
      group = 0;
    } else if (isHexDigit(code)) {
      if (++group > 4) return false;
      if (isDigit(code)) digits++;
    } else if (code === DOT && colons >= 2) {
      return ipv4End(codes, k - group, y) === y; // embedded IPv4 tail (::ffff:10.0.0.1)
    } else if (code === PERCENT && k + 1 < y) {
      for (let z = k + 1; z < y; z++) if ((CLASS[codes[z]] & (LETTER | DIGIT)) === 0) return false;
      break; // a zone index (fe80::1%eth0)
    } else return false;
  }
  return colons >= 2 && (doubleColon ? colons <= 7 : colons === 7) && (digits > 0 || doubleColon);
}

function isUuid(codes: Uint16Array, x: number, y: number): boolean {
  if (y - x !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const code = codes[x + k];
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (code !== MINUS) return false;
    } else if (!isHexDigit(code)) return false;
  }
  return true;
}

function isMac(codes: Uint16Array, x: number, y: number): boolean {
  if (y - x !== 17) return false;
  const sep = codes[x + 2];
  if (sep !== COLON && sep !== MINUS) return false;
  for (let k = 0; k < 17; k++) {
    const code = codes[x + k];
    if (k % 3 === 2) {
      if (code !== sep) return false;
    } else if (!isHexDigit(code)) return false;
  }
  return true;
}

/** `h:mm`, `hh:mm:ss`, with optional fraction (`.123` or `,123`) and zone (`Z`, `+01:00`); returns its end or -1. */
function timeEnd(codes: Uint16Array, x: number, y: number): number {
  const hourEnd = digitsEnd(codes, x, y);
  if (hourEnd === x || hourEnd - x > 2 || codes[hourEnd] !== COLON) return -1;
  let i = hourEnd + 1;
  if (digitsEnd(codes, i, y) !== i + 2) return -1;
  i += 2;
  if (codes[i] === COLON) {
    if (digitsEnd(codes, i + 1, y) !== i + 3) return -1;
    i += 3;
  }
  const frac = codes[i];
  if ((frac === DOT || frac === COMMA) && isDigit(codes[i + 1])) i = digitsEnd(codes, i + 1, y);
  return zoneEnd(codes, i, y);
}

function zoneEnd(codes: Uint16Array, i: number, y: number): number {
  if (i === y) return i;
  const code = codes[i];
  if (code === 90 && i + 1 === y) return y;
  if ((code === PLUS || code === MINUS) && digitsEnd(codes, i + 1, y) === i + 3) {
    let k = i + 3;
    if (codes[k] === COLON) k++;
    if (digitsEnd(codes, k, y) === k + 2 && k + 2 === y) return y;
    if (k === i + 3 && k === y) return y;
  }
  if ((code === PLUS || code === MINUS) && digitsEnd(codes, i + 1, y) === i + 5 && i + 5 === y) return y;
  return -1;
}

/** `2015-10-18`, `2015/10/18`, `17/06/09`, `04/Dec/2005`, each optionally followed by a time (`T`, `_`, `:`). */
function isDate(s: string, codes: Uint16Array, x: number, y: number): boolean {
  const aEnd = digitsEnd(codes, x, y);
  const aLength = aEnd - x;
  const sep = codes[aEnd];
  if (sep !== MINUS && sep !== SLASH) return false;
  let i = aEnd + 1;
  if (aLength === 4) {
    if (digitsEnd(codes, i, y) !== i + 2 || codes[i + 2] !== sep || digitsEnd(codes, i + 3, y) !== i + 5) return false;
    i += 5;
  } else if (aLength === 1 || aLength === 2) {
    const monthEnd = digitsEnd(codes, i, y);
    if (monthEnd === i + 2) i = monthEnd;
    else if (monthEnd === i && i + 3 <= y && MONTHS.has(s.slice(i, i + 3))) i += 3;
    else return false;
    if (codes[i] !== sep) return false;
    const yearEnd = digitsEnd(codes, i + 1, y);
    if (yearEnd !== i + 3 && yearEnd !== i + 5) return false;
    i = yearEnd;
  } else return false;
  if (i === y) return true;
  const joint = codes[i];
  if (joint !== 84 && joint !== UNDERSCORE && joint !== COLON) return false;
  return timeEnd(codes, i + 1, y) === y;
}

/** Dotted labels ending in a known top-level domain (`ns.example.com`, `host-1.corp.example.co.uk`). */
function isHostname(s: string, codes: Uint16Array, x: number, y: number): boolean {
  let lastDot = -1;
  let letters = 0;
  for (let k = x; k < y; k++) {
    const code = codes[k];
    if (code === DOT) {
      if (k === x || k === lastDot + 1) return false;
      lastDot = k;
    } else if (code >= 128 || (CLASS[code] & HOST) === 0) return false;
    else if ((CLASS[code] & LETTER) !== 0) letters++;
  }
  // The longest top-level domain kept is `localdomain`.
  if (lastDot < 0 || y - lastDot < 3 || y - lastDot > 12 || letters === 0) return false;
  return TLDS.has(s.slice(lastDot + 1, y).toLowerCase());
}

/** HDFS block ids: `blk_-123...`, `blk_123_456`. */
function isBlock(codes: Uint16Array, x: number, y: number): boolean {
  if (y - x < 5 || codes[x] !== 98 || codes[x + 1] !== 108 || codes[x + 2] !== 107 || codes[x + 3] !== UNDERSCORE) return false;
  let i = x + 4;
  if (codes[i] === MINUS) i++;
  const end = digitsEnd(codes, i, y);
  if (end === i) return false;
  if (end === y) return true;
  return codes[end] === UNDERSCORE && digitsEnd(codes, end + 1, y) === y && end + 1 < y;
}

/** `name:port` where the name looks like a host (has a dash or a digit, ends in a known domain, or is localhost); returns the colon or -1. */
function hostPortColon(s: string, codes: Uint16Array, x: number, y: number): number {
  let colon = -1;
  for (let k = y - 1; k > x; k--) {
    const code = codes[k];
    if (code === COLON) {
      colon = k;
      break;
    }
    if (!isDigit(code)) return -1;
  }
  if (colon < 0 || colon === y - 1 || y - colon > 6) return -1;
  let marks = 0;
  for (let k = x; k < colon; k++) {
    const code = codes[k];
    if (code === MINUS || isDigit(code)) marks++;
    else if (code !== DOT && (code >= 128 || (CLASS[code] & HOST) === 0)) return -1;
  }
  return marks > 0 || isHostname(s, codes, x, colon) || (colon - x === 9 && s.startsWith('localhost', x)) ? colon : -1;
}

/**
 * Identifiers made of a word and generated parts (`attempt_1445144423722_0020_m_000000_0`, `rdd_2_3`,
 * `core.2275`, `pool-1-thread-3`): returns where the generated part starts (the word stays readable), or -1.
 */
function idStart(codes: Uint16Array, x: number, y: number): number {
  let i = x;
  while (i < y && isAsciiLetter(codes[i])) i++;
  const sep = codes[i];
  if (i === x || i + 1 >= y || (sep !== UNDERSCORE && sep !== MINUS && sep !== DOT)) return -1;
  const from = i + 1;
  let generated = false;
  let partStart = from;
  let partDigits = 0;
  let partHex = true;
  for (let k = from; k <= y; k++) {
    const code = k < y ? codes[k] : UNDERSCORE;
    if (code === UNDERSCORE || code === MINUS || code === DOT) {
      const length = k - partStart;
      if (length > 0 && (partDigits === length || (partHex && partDigits > 0 && length >= 8))) generated = true;
      partStart = k + 1;
      partDigits = 0;
      partHex = true;
    } else if (isDigit(code)) partDigits++;
    else if (!isHexDigit(code)) {
      if (!isAsciiLetter(code)) return -1;
      partHex = false;
    }
  }
  return generated ? from : -1;
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
