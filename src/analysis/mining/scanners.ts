/**
 * Character classes and the recognisers of variables the masker uses: pure functions over a range [x, y) of a
 * string, written with charCode loops (no regular expressions), each failing fast on the first character that
 * cannot belong to what it looks for.
 */

// Character classes of ASCII codes; anything above 127 counts as a letter of a word.
export const DIGIT = 1;
export const LETTER = 2;
export const HEX_LETTER = 4;
export const LEAD = 8; // stripped from the front of a word before recognising it
export const TRAIL = 16; // stripped from the end
export const INNER = 32; // splits a word into parts that are recognised one by one
export const HOST = 64; // may appear in a host name label
export const SPECIAL = 128; // forces the slow path (paths, splits, parts)
export const DOT_CLASS = 256;
export const SPLIT = 512; // an extra delimiter of the configuration
export const COLON_CLASS = 1024;
export const JOIN_CLASS = 2048; // `-` and `_`, which join the parts of ids, dates and UUIDs
export const SLASH_CLASS = 4096;
export const OTHER = 8192; // letters beyond a-f (so not hex) and other characters no number-like variable holds
const PERCENT_CLASS = 16384;

export const CLASS = new Uint16Array(128);
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

export const SLASH = 47;
export const BACKSLASH = 92;
export const COLON = 58;
export const DOT = 46;
export const MINUS = 45;
export const PLUS = 43;
const UNDERSCORE = 95;
export const AT = 64;
export const TILDE = 126;
const PERCENT = 37;
export const COMMA = 44;

/** Top-level domains that end host names; English two-letter words (in, it, is, no, me...) are left out. */
const TLDS: ReadonlySet<string> = new Set(
  (
    'com net org edu gov mil int info biz arpa local lan localdomain internal ' +
    'uk de fr ru cn jp br mx eu au ca nl es ch se pl om kr tw hk sg za nz ar cl cz dk fi gr hu ie il ir pt ro sk tr ua vn th ph pk ng eg sa ae at be'
  ).split(' '),
);
export const MONTHS: ReadonlySet<string> = new Set(
  'Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec January February March April June July August September October November December'
    .split(' ')
    .flatMap((name) => [name, name.toUpperCase()]),
);
export const WEEKDAYS: ReadonlySet<string> = new Set(
  'Mon Tue Wed Thu Fri Sat Sun Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
    .split(' ')
    .flatMap((name) => [name, name.toUpperCase()]),
);
/** First three letters (lower-cased) of every month and weekday name, to rule most words out without slicing. */
export const DATE_WORD_PREFIXES: ReadonlySet<number> = new Set([...MONTHS, ...WEEKDAYS].map((name) => prefixCode(name, 0)));

export function prefixCode(text: string, at: number): number {
  return ((text.charCodeAt(at) | 32) << 16) | ((text.charCodeAt(at + 1) | 32) << 8) | (text.charCodeAt(at + 2) | 32);
}

/** Units after a number (`12ms`, `5.2 KB`), with the factor to bytes or milliseconds for the parameter value. */
export const UNITS: ReadonlyMap<string, number> = new Map([
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

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
export function isHexDigit(code: number): boolean {
  return code < 128 && (CLASS[code] & (DIGIT | HEX_LETTER)) !== 0;
}
export function isAsciiLetter(code: number): boolean {
  return code < 128 && (CLASS[code] & LETTER) !== 0;
}

/** `0x1f`, a bare hex string of 8+ characters with a digit and a letter, or any hex after `@` (Java object ids). */
export function isHex(s: string, x: number, y: number): boolean {
  if (s.charCodeAt(x) === 48 && (s.charCodeAt(x + 1) | 32) === 120 && y - x > 2) {
    for (let k = x + 2; k < y; k++) if (!isHexDigit(s.charCodeAt(k))) return false;
    return true;
  }
  // Object ids after `@` (Java's Object.toString) may be short; elsewhere bare hex needs length and a letter.
  const afterAt = x > 0 && s.charCodeAt(x - 1) === AT;
  if (!afterAt && y - x < 8) return false;
  let letters = 0;
  let digits = 0;
  for (let k = x; k < y; k++) {
    const code = s.charCodeAt(k);
    if (isDigit(code)) digits++;
    else if (isHexDigit(code)) letters++;
    else return false;
  }
  return digits > 0 && (letters > 0 || afterAt);
}

/** `/a/b` (two components, or one with a digit), `~/x`, `./x`, `../x`, `C:\\x`. */
export function isPath(s: string, x: number, y: number): boolean {
  let slashes = 0;
  let digits = false;
  let named = 0; // characters after the first separator
  for (let k = x; k < y; k++) {
    const code = s.charCodeAt(k);
    if (code === SLASH || code === BACKSLASH) slashes++;
    else {
      if (slashes > 0) named++;
      if (isDigit(code)) digits = true;
    }
  }
  if (named === 0) return false;
  const first = s.charCodeAt(x);
  if (first === SLASH) return slashes >= 2 || digits;
  return slashes >= 1 && (first !== DOT || s.charCodeAt(x + 1) === SLASH || s.charCodeAt(x + 1) === DOT);
}

export function isSchemeChar(code: number): boolean {
  return code < 128 && ((CLASS[code] & (LETTER | DIGIT)) !== 0 || code === PLUS || code === DOT || code === MINUS);
}

export function isDayOrYear(value: number): boolean {
  return (value >= 1 && value <= 31) || (value >= 1900 && value <= 2100);
}

function digitsEnd(s: string, i: number, y: number): number {
  while (i < y && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** Value of a short unsigned decimal integer, or NaN for anything else (signs, fractions, long numbers). */
export function integerValue(s: string, x: number, y: number): number {
  if (y - x > 15) return NaN;
  let value = 0;
  for (let k = x; k < y; k++) {
    const digit = s.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** End of the numeric part of an optionally signed decimal with an optional unit (`12ms`, `64KB`, `5%`), or -1. */
export function numberEnd(s: string, x: number, y: number): number {
  let i = x;
  const first = s.charCodeAt(i);
  if (first === MINUS || first === PLUS) i++;
  const intEnd = digitsEnd(s, i, y);
  if (intEnd === i) return -1;
  i = intEnd;
  if (i + 1 < y && s.charCodeAt(i) === DOT && isDigit(s.charCodeAt(i + 1))) i = digitsEnd(s, i + 1, y);
  const e = s.charCodeAt(i) | 32;
  if (i + 1 < y && e === 101) {
    let k = i + 1;
    const sign = s.charCodeAt(k);
    if (sign === MINUS || sign === PLUS) k++;
    const expEnd = digitsEnd(s, k, y);
    if (expEnd > k && expEnd === y) return y;
  }
  const end = i;
  if (i === y) return end;
  if (s.charCodeAt(i) === PERCENT) return i + 1 === y ? end : -1;
  const unitLength = y - i;
  if (unitLength > 4) return -1;
  for (; i < y; i++) if (!isAsciiLetter(s.charCodeAt(i))) return -1;
  return end;
}

/** `1.2.3` and longer dotted digit groups that are not IPv4 addresses. */
export function isVersion(s: string, x: number, y: number): boolean {
  let groups = 0;
  let i = x;
  while (i < y) {
    const end = digitsEnd(s, i, y);
    if (end === i) return false;
    groups++;
    if (end === y) break;
    if (s.charCodeAt(end) !== DOT) return false;
    i = end + 1;
  }
  return groups >= 3 && i < y;
}

/** Digit groups joined by `_` or `-` (`1445144423722_0020`). */
export function isDigitGroups(s: string, x: number, y: number): boolean {
  let groups = 0;
  let i = x;
  if (s.charCodeAt(i) === MINUS) i++;
  while (i < y) {
    const end = digitsEnd(s, i, y);
    if (end === i) return false;
    groups++;
    if (end === y) break;
    const sep = s.charCodeAt(end);
    if (sep !== UNDERSCORE && sep !== MINUS) return false;
    i = end + 1;
  }
  return groups >= 2 && i < y;
}

/** Dotted quad (each part at most 255); returns its end or -1. */
export function ipv4End(s: string, x: number, y: number): number {
  let i = x;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== DOT) return -1;
      i++;
    }
    const end = digitsEnd(s, i, y);
    if (end === i || end - i > 3) return -1;
    if (end - i === 3 && (s.charCodeAt(i) - 48) * 100 + (s.charCodeAt(i + 1) - 48) * 10 + (s.charCodeAt(i + 2) - 48) > 255) return -1;
    i = end;
  }
  if (i < y && (isDigit(s.charCodeAt(i)) || (s.charCodeAt(i) === DOT && isDigit(s.charCodeAt(i + 1))))) return -1;
  return i;
}

export function isIpv6(s: string, x: number, y: number): boolean {
  let colons = 0;
  let doubleColon = false;
  let group = 0;
  let digits = 0;
  for (let k = x; k < y; k++) {
    const code = s.charCodeAt(k);
    if (code === COLON) {
      colons++;
      if (s.charCodeAt(k + 1) === COLON) {
        if (doubleColon) return false;
        doubleColon = true;
      }
      group = 0;
    } else if (isHexDigit(code)) {
      if (++group > 4) return false;
      if (isDigit(code)) digits++;
    } else if (code === DOT && colons >= 2) {
      return ipv4End(s, k - group, y) === y; // embedded IPv4 tail (::ffff:10.0.0.1)
    } else if (code === PERCENT && k + 1 < y) {
      for (let z = k + 1; z < y; z++) if ((CLASS[s.charCodeAt(z)] & (LETTER | DIGIT)) === 0) return false;
      break; // a zone index (fe80::1%eth0)
    } else return false;
  }
  return colons >= 2 && (doubleColon ? colons <= 7 : colons === 7) && (digits > 0 || doubleColon);
}

export function isUuid(s: string, x: number, y: number): boolean {
  if (y - x !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const code = s.charCodeAt(x + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (code !== MINUS) return false;
    } else if (!isHexDigit(code)) return false;
  }
  return true;
}

export function isMac(s: string, x: number, y: number): boolean {
  if (y - x !== 17) return false;
  const sep = s.charCodeAt(x + 2);
  if (sep !== COLON && sep !== MINUS) return false;
  for (let k = 0; k < 17; k++) {
    const code = s.charCodeAt(x + k);
    if (k % 3 === 2) {
      if (code !== sep) return false;
    } else if (!isHexDigit(code)) return false;
  }
  return true;
}

/** `h:mm`, `hh:mm:ss`, with optional fraction (`.123` or `,123`) and zone (`Z`, `+01:00`); returns its end or -1. */
export function timeEnd(s: string, x: number, y: number): number {
  const hourEnd = digitsEnd(s, x, y);
  if (hourEnd === x || hourEnd - x > 2 || s.charCodeAt(hourEnd) !== COLON) return -1;
  let i = hourEnd + 1;
  if (digitsEnd(s, i, y) !== i + 2) return -1;
  i += 2;
  if (s.charCodeAt(i) === COLON) {
    if (digitsEnd(s, i + 1, y) !== i + 3) return -1;
    i += 3;
  }
  const frac = s.charCodeAt(i);
  if ((frac === DOT || frac === COMMA) && isDigit(s.charCodeAt(i + 1))) i = digitsEnd(s, i + 1, y);
  return zoneEnd(s, i, y);
}

function zoneEnd(s: string, i: number, y: number): number {
  if (i === y) return i;
  const code = s.charCodeAt(i);
  if (code === 90 && i + 1 === y) return y;
  if ((code === PLUS || code === MINUS) && digitsEnd(s, i + 1, y) === i + 3) {
    let k = i + 3;
    if (s.charCodeAt(k) === COLON) k++;
    if (digitsEnd(s, k, y) === k + 2 && k + 2 === y) return y;
    if (k === i + 3 && k === y) return y;
  }
  if ((code === PLUS || code === MINUS) && digitsEnd(s, i + 1, y) === i + 5 && i + 5 === y) return y;
  return -1;
}

/** `2015-10-18`, `2015/10/18`, `17/06/09`, `04/Dec/2005`, each optionally followed by a time (`T`, `_`, `:`). */
export function isDate(s: string, x: number, y: number): boolean {
  const aEnd = digitsEnd(s, x, y);
  const aLength = aEnd - x;
  const sep = s.charCodeAt(aEnd);
  if (sep !== MINUS && sep !== SLASH) return false;
  let i = aEnd + 1;
  if (aLength === 4) {
    if (digitsEnd(s, i, y) !== i + 2 || s.charCodeAt(i + 2) !== sep || digitsEnd(s, i + 3, y) !== i + 5) return false;
    i += 5;
  } else if (aLength === 1 || aLength === 2) {
    const monthEnd = digitsEnd(s, i, y);
    if (monthEnd === i + 2) i = monthEnd;
    else if (monthEnd === i && i + 3 <= y && MONTHS.has(s.slice(i, i + 3))) i += 3;
    else return false;
    if (s.charCodeAt(i) !== sep) return false;
    const yearEnd = digitsEnd(s, i + 1, y);
    if (yearEnd !== i + 3 && yearEnd !== i + 5) return false;
    i = yearEnd;
  } else return false;
  if (i === y) return true;
  const joint = s.charCodeAt(i);
  if (joint !== 84 && joint !== UNDERSCORE && joint !== COLON) return false;
  return timeEnd(s, i + 1, y) === y;
}

/** Dotted labels ending in a known top-level domain (`ns.example.com`, `host-1.corp.example.co.uk`). */
export function isHostname(s: string, x: number, y: number): boolean {
  let lastDot = -1;
  let letters = 0;
  for (let k = x; k < y; k++) {
    const code = s.charCodeAt(k);
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
export function isBlock(s: string, x: number, y: number): boolean {
  if (y - x < 5 || s.charCodeAt(x) !== 98 || !s.startsWith('blk_', x)) return false;
  let i = x + 4;
  if (s.charCodeAt(i) === MINUS) i++;
  const end = digitsEnd(s, i, y);
  if (end === i) return false;
  if (end === y) return true;
  return s.charCodeAt(end) === UNDERSCORE && digitsEnd(s, end + 1, y) === y && end + 1 < y;
}

/** `name:port` where the name looks like a host (has a dot, dash or digit); returns the colon or -1. */
export function hostPortColon(s: string, x: number, y: number): number {
  let colon = -1;
  for (let k = y - 1; k > x; k--) {
    const code = s.charCodeAt(k);
    if (code === COLON) {
      colon = k;
      break;
    }
    if (!isDigit(code)) return -1;
  }
  if (colon < 0 || colon === y - 1 || y - colon > 6) return -1;
  let marks = 0;
  for (let k = x; k < colon; k++) {
    const code = s.charCodeAt(k);
    if (code === MINUS || isDigit(code)) marks++;
    else if (code !== DOT && (code >= 128 || (CLASS[code] & HOST) === 0)) return -1;
  }
  return marks > 0 || isHostname(s, x, colon) || (colon - x === 9 && s.startsWith('localhost', x)) ? colon : -1;
}

/**
 * Identifiers made of a word and generated parts (`attempt_1445144423722_0020_m_000000_0`, `rdd_2_3`,
 * `core.2275`, `pool-1-thread-3`): returns where the generated part starts (the word stays readable), or -1.
 */
export function idStart(s: string, x: number, y: number): number {
  let i = x;
  while (i < y && isAsciiLetter(s.charCodeAt(i))) i++;
  const sep = s.charCodeAt(i);
  if (i === x || i + 1 >= y || (sep !== UNDERSCORE && sep !== MINUS && sep !== DOT)) return -1;
  const from = i + 1;
  let generated = false;
  let partStart = from;
  let partDigits = 0;
  let partHex = true;
  for (let k = from; k <= y; k++) {
    const code = k < y ? s.charCodeAt(k) : UNDERSCORE;
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

