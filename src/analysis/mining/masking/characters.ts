/**
 * Character classes of ASCII codes, as bit flags the scanner ORs over a word to know which recognisers can
 * match it, and the codes it compares with.
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
export const PERCENT_CLASS = 16384;

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
export const UNDERSCORE = 95;
export const AT = 64;
export const TILDE = 126;
export const PERCENT = 37;
export const COMMA = 44;
export const SPACE = 32;
export const OPEN_PAREN = 40;
export const CLOSE_PAREN = 41;

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
export function isHexDigit(code: number): boolean {
  return code < 128 && (CLASS[code] & (DIGIT | HEX_LETTER)) !== 0;
}
export function isAsciiLetter(code: number): boolean {
  return code < 128 && (CLASS[code] & LETTER) !== 0;
}

export function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

export function classOf(classes: Uint16Array, code: number): number {
  return code < 128 ? classes[code] : LETTER | OTHER;
}
