/** Words that make a token a variable or part of one: top-level domains, month and weekday names, units. */

/** Top-level domains that end host names; English two-letter words (in, it, is, no, me...) are left out. */
export const TLDS: ReadonlySet<string> = new Set(
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
export const DATE_WORD_PREFIXES: ReadonlySet<number> = new Set(
  [...MONTHS, ...WEEKDAYS].map((name) => prefixCode(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2))),
);

export function prefixCode(first: number, second: number, third: number): number {
  return ((first | 32) << 16) | ((second | 32) << 8) | (third | 32);
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
/** First characters of the units, to rule most words after a number out without slicing them. */
export const UNIT_FIRST_CODES: ReadonlySet<number> = new Set([...UNITS.keys()].map((unit) => unit.charCodeAt(0)));
