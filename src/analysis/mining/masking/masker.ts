/**
 * The masker: a hand-written character scanner (no regular expressions on the hot path, which masks every
 * line of files with millions of them) that splits a message into words and parts, recognises the variables
 * among them and writes the masked message into the buffers of MaskedMessage.
 */
import { DEFAULT_MINER_CONFIG, MASK_KINDS, type MaskKind, type MinerConfig } from '../config';
import { MaskedMessage } from './maskedMessage';
import { AT, BACKSLASH, CLASS, classOf, CLOSE_PAREN, COLON, COLON_CLASS, COMMA, DIGIT, DOT, DOT_CLASS, HEX_LETTER, HOST, INNER, isAsciiLetter, isDigit, isHexDigit, isUpper, JOIN_CLASS, LEAD, LETTER, MINUS, OPEN_PAREN, OTHER, PLUS, SPACE, SLASH, SLASH_CLASS, SPECIAL, SPLIT, TILDE, TRAIL } from './characters';
import { LITERAL, M_BLOCK, M_DATE, M_HEX, M_HOST, M_ID, M_IP, M_MAC, M_NUMBER, M_PATH, M_PORT, M_TIME, M_URL, M_UUID, M_VERSION, ROLE_DATE, ROLE_DAY_OR_YEAR, ROLE_MONTH, ROLE_NONE, ROLE_QUANTITY, ROLE_TIME, ROLE_WEEKDAY, TokenKind } from './masks';
import { hostPortColon, idStart, integerValue, ipv4End, isBlock, isDate, isDayOrYear, isDigitGroups, isHex, isHostname, isIpv6, isMac, isPath, isSchemeChar, isUuid, isVersion, numberEnd, timeEnd } from './recognisers';
import { DATE_WORD_PREFIXES, MONTHS, prefixCode, UNIT_FIRST_CODES, UNITS, WEEKDAYS } from './vocabularies';

/** How many times one word's rest is tried as a whole variable before its extra delimiters simply split it. */
const WHOLE_REST_TRIES = 8;
/** Zeros kept after a message's codes: recognisers look at most this far past the range they check. */
const PAST_END = 4;

export class Masker extends MaskedMessage {
  private readonly enabled: Readonly<Record<MaskKind, boolean>>;
  private readonly classes = CLASS.slice();

  // The token being built.
  private literalFrom = 0;
  private currentMasked = false;
  private currentDigits = false;
  private wordMasks = 0;
  private wordNumber = 0;
  /** The previous word was a bare number, so a unit may follow. */
  private afterNumber = false;
  /** A month name was seen: runs of date parts may need collapsing into one `<DATE>`. */
  private sawMonth = false;

  constructor(config: Pick<MinerConfig, 'masks' | 'extraDelimiters' | 'collapseRepeatedMasks'> = DEFAULT_MINER_CONFIG) {
    super(config.collapseRepeatedMasks);
    const enabled = {} as Record<MaskKind, boolean>;
    for (const kind of MASK_KINDS) enabled[kind] = config.masks.includes(kind);
    this.enabled = enabled;
    // `=` and `:` separate keys from values: when they do not end tokens, they still split parts.
    for (const ch of '=:') this.classes[ch.charCodeAt(0)] |= INNER | SPECIAL;
    for (const ch of config.extraDelimiters) {
      const code = ch.charCodeAt(0);
      if (code < 128) this.classes[code] = (this.classes[code] & ~INNER) | SPLIT | SPECIAL;
    }
  }

  /**
   * Masks `message`; when `params` is given, appends the values of its `<NUM>` tokens in order.
   * `bytes` from `from`, when given, hold the message as ASCII, one byte per character: its codes
   * are copied from there, much cheaper than reading them from the string one by one.
   */
  mask(message: string, params?: number[], bytes?: Uint8Array, from = 0): void {
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
    if (bytes !== undefined) for (let k = 0; k < n; k++) codes[k] = bytes[from + k];
    else for (let k = 0; k < n; k++) codes[k] = message.charCodeAt(k);
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
    let unit = false;
    // A unit may follow a word ending in a number: `5.2 KB`, `(1.16 KB)`.
    this.afterNumber = this.pieces > this.tokenStart && this.pieceMask[this.pieces - 1] === M_NUMBER && this.currentSpaced;
    if (this.wordMasks === 0) {
      const length = d - c;
      const factor = afterNumber && kind === TokenKind.word && length <= 7 && UNIT_FIRST_CODES.has(codes[c]) ? UNITS.get(s.slice(c, d)) : undefined;
      if (factor !== undefined) {
        // `5.2 KB`: the unit varies with the number, and scales its value.
        kind = TokenKind.value;
        unit = true;
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
    if (unit && this.length >= 2 && this.pieceMask[this.tokenStart] === LITERAL && codes[this.pieceFrom[this.tokenStart] - 1] === SPACE) {
      // `5.2 KB` is one parameter, and so is `18846 bytes (18.4 KB)`: a number's unit, or its restatement in
      // other units, is present or not with the number (`0 bytes sent`, `1190 bytes (1.16 KB) sent`).
      this.joinLastTwo();
      const n = this.length;
      const opening = this.pieceFrom[this.tokenFirst[n - 1]];
      if (n >= 2 && this.tokenRole[n - 2] === ROLE_QUANTITY && codes[opening] === OPEN_PAREN && codes[opening - 1] === SPACE && codes[b - 1] === CLOSE_PAREN) {
        this.joinLastTwo();
      }
    }
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
