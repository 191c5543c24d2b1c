/** The masks a variable becomes, the kinds of tokens, and the small ids the masker stores them by. */

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
export const ROLE_NONE = 0;
export const ROLE_MONTH = 1;
export const ROLE_WEEKDAY = 2;
export const ROLE_DAY_OR_YEAR = 3;
export const ROLE_TIME = 4;
export const ROLE_DATE = 5;
/** Not a date part: a number with its unit (`5.2 KB`), which a bracketed restatement may join (`18846 bytes (18.4 KB)`). */
export const ROLE_QUANTITY = 6;

/** Masks by small integer id, as the piece buffer stores them. */
export const MASK_LIST: readonly string[] = Object.values(MASK);
export const M_URL = MASK_LIST.indexOf(MASK.url);
export const M_PATH = MASK_LIST.indexOf(MASK.path);
export const M_DATE = MASK_LIST.indexOf(MASK.date);
export const M_TIME = MASK_LIST.indexOf(MASK.time);
export const M_UUID = MASK_LIST.indexOf(MASK.uuid);
export const M_MAC = MASK_LIST.indexOf(MASK.mac);
export const M_IP = MASK_LIST.indexOf(MASK.ip);
export const M_PORT = MASK_LIST.indexOf(MASK.port);
export const M_HEX = MASK_LIST.indexOf(MASK.hex);
export const M_BLOCK = MASK_LIST.indexOf(MASK.block);
export const M_NUMBER = MASK_LIST.indexOf(MASK.number);
export const M_VERSION = MASK_LIST.indexOf(MASK.version);
export const M_HOST = MASK_LIST.indexOf(MASK.host);
export const M_ID = MASK_LIST.indexOf(MASK.id);
/** Piece that copies message text instead of naming a mask. */
export const LITERAL = -1;
/** Hash inputs outside the UTF-16 range: a mask id, and the gap between tokens. */
export const HASH_MASK_BASE = 0x10000;
export const HASH_GAP = 0x20000;
