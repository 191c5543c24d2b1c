/**
 * Recognisers: pure functions over the codes [x, y) of a message, each failing fast, that say whether the
 * range is one kind of variable (or where it ends).
 */
import { AT, BACKSLASH, CLASS, COLON, COMMA, DIGIT, DOT, HOST, isAsciiLetter, isDigit, isHexDigit, LETTER, MINUS, PERCENT, PLUS, SLASH, UNDERSCORE } from './characters';
import { MONTHS, TLDS } from './vocabularies';



/** `0x1f`, a bare hex string of 8+ characters with a digit and a letter, or any hex after `@` (Java object ids). */
export function isHex(codes: Uint16Array, x: number, y: number): boolean {
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
export function isPath(codes: Uint16Array, x: number, y: number): boolean {
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

export function isSchemeChar(code: number): boolean {
  return code < 128 && ((CLASS[code] & (LETTER | DIGIT)) !== 0 || code === PLUS || code === DOT || code === MINUS);
}

export function isDayOrYear(value: number): boolean {
  return (value >= 1 && value <= 31) || (value >= 1900 && value <= 2100);
}

export function digitsEnd(codes: Uint16Array, i: number, y: number): number {
  while (i < y && isDigit(codes[i])) i++;
  return i;
}

/** Value of a short unsigned decimal integer, or NaN for anything else (signs, fractions, long numbers). */
export function integerValue(codes: Uint16Array, x: number, y: number): number {
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
export function numberEnd(codes: Uint16Array, x: number, y: number): number {
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
export function isVersion(codes: Uint16Array, x: number, y: number): boolean {
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
export function isDigitGroups(codes: Uint16Array, x: number, y: number): boolean {
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
export function ipv4End(codes: Uint16Array, x: number, y: number): number {
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

export function isIpv6(codes: Uint16Array, x: number, y: number): boolean {
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

export function isUuid(codes: Uint16Array, x: number, y: number): boolean {
  if (y - x !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const code = codes[x + k];
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (code !== MINUS) return false;
    } else if (!isHexDigit(code)) return false;
  }
  return true;
}

export function isMac(codes: Uint16Array, x: number, y: number): boolean {
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
export function timeEnd(codes: Uint16Array, x: number, y: number): number {
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

export function zoneEnd(codes: Uint16Array, i: number, y: number): number {
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
export function isDate(s: string, codes: Uint16Array, x: number, y: number): boolean {
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
export function isHostname(s: string, codes: Uint16Array, x: number, y: number): boolean {
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
export function isBlock(codes: Uint16Array, x: number, y: number): boolean {
  if (y - x < 5 || codes[x] !== 98 || codes[x + 1] !== 108 || codes[x + 2] !== 107 || codes[x + 3] !== UNDERSCORE) return false;
  let i = x + 4;
  if (codes[i] === MINUS) i++;
  const end = digitsEnd(codes, i, y);
  if (end === i) return false;
  if (end === y) return true;
  return codes[end] === UNDERSCORE && digitsEnd(codes, end + 1, y) === y && end + 1 < y;
}

/** `name:port` where the name looks like a host (has a dash or a digit, ends in a known domain, or is localhost); returns the colon or -1. */
export function hostPortColon(s: string, codes: Uint16Array, x: number, y: number): number {
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
export function idStart(codes: Uint16Array, x: number, y: number): number {
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
