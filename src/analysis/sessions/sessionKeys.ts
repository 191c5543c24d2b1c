/**
 * Session keys: the ids that tie a log's lines into one unit of work (an HDFS block, a request,
 * a trace). Detected from a sample of messages, or given by the user as a regular expression.
 */

export interface SessionKey {
  /** `hdfs-block`, `uuid`, `request-id`, or `custom`. */
  readonly kind: string;
  /** Hands every session id named in `message` to `sink` (a line may name several, or one twice). */
  extract(message: string, sink: SessionIdSink): void;
}

/** Where a key hands the ids it finds. */
export interface SessionIdSink {
  /** An id, as text. */
  name(id: string): void;
  /**
   * An id written as a fixed prefix, an optional minus and decimal digits, at message[start, end)
   * with the digits from `digits`: it can be told by its number, with no string made.
   */
  number(message: string, start: number, digits: number, end: number): void;
}

interface BuiltinKey {
  readonly kind: string;
  create(): SessionKey;
  /**
   * Ids must recur on at least this many sample lines each on average. HDFS block ids are
   * sessions by design (a sample of a big log may show each block only once); a generic UUID
   * that never recurs is a record id, not a session.
   */
  readonly minLinesPerId: number;
}

/**
 * HDFS block ids (`blk_` and a signed number), found by hand rather than by a regular expression:
 * they are on nearly every line of an HDFS log, and a match object per line is measurable.
 */
class HdfsBlockKey implements SessionKey {
  readonly kind = 'hdfs-block';

  extract(message: string, sink: SessionIdSink): void {
    for (let at = message.indexOf('blk_'); at >= 0; ) {
      let end = at + 4;
      if (message.charCodeAt(end) === 45 /* - */) end++;
      const digits = end;
      while (end < message.length && isDigit(message.charCodeAt(end))) end++;
      if (end > digits) sink.number(message, at, digits, end);
      at = message.indexOf('blk_', Math.max(end, at + 4));
    }
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const BUILTIN_KEYS: readonly BuiltinKey[] = [
  { kind: 'hdfs-block', create: () => new HdfsBlockKey(), minLinesPerId: 1 },
  {
    kind: 'request-id',
    create: () =>
      new RegexSessionKey('request-id', /\b(?:trace|request|req|correlation|span|transaction|session)[_-]?id["']?\s*[=:]\s*["']?([\w.:-]{6,})/gi, null),
    minLinesPerId: 1.2,
  },
  {
    kind: 'uuid',
    create: () => new RegexSessionKey('uuid', /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, '-'),
    minLinesPerId: 1.5,
  },
];

/** A key is used only when it names this share of the sample's messages. */
const MIN_SHARE = 0.05;

/** Ids matched by a regular expression: its first capture group, or the whole match. */
class RegexSessionKey implements SessionKey {
  /** @param hint a substring every match contains, tested before the regex runs, or null */
  constructor(readonly kind: string, private readonly pattern: RegExp, private readonly hint: string | null) {}

  extract(message: string, sink: SessionIdSink): void {
    if (this.hint !== null && !message.includes(this.hint)) return;
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(message)) !== null) {
      const id = match[1] ?? match[0];
      if (id.length > 0) sink.name(id);
      if (match[0].length === 0) pattern.lastIndex++;
    }
  }
}

/**
 * `none` → no sessions; `auto` → the built-in key that best covers the sample (or none);
 * anything else is a regular expression whose first capture group (or whole match) is the id.
 */
/** Whether a session key option is the user's own regular expression rather than `auto` or `none`. */
export function isCustomSessionKeyOption(option: string): boolean {
  return option !== 'auto' && option !== 'none';
}

export function resolveSessionKey(option: string, sampleLines: readonly string[]): SessionKey | null {
  if (option === 'none') return null;
  if (!isCustomSessionKeyOption(option)) return detectSessionKey(sampleLines);
  let pattern: RegExp;
  try {
    pattern = new RegExp(option, 'g');
  } catch (error) {
    throw new RangeError(`The session key is not a valid regular expression: ${(error as Error).message}`, { cause: error });
  }
  if (pattern.test('')) {
    throw new RangeError('The session key regular expression matches an empty string; it must match an id.');
  }
  return new RegexSessionKey('custom', pattern, null);
}

export function detectSessionKey(sampleLines: readonly string[]): SessionKey | null {
  if (sampleLines.length === 0) return null;
  let best: { key: SessionKey; share: number } | null = null;
  for (const builtin of BUILTIN_KEYS) {
    const key = builtin.create();
    let matched = 0;
    const distinct = new Set<string>();
    for (const message of sampleLines) {
      const ids = sessionIdsOf(key, message);
      if (ids.length > 0) matched++;
      for (const id of ids) distinct.add(id);
    }
    const share = matched / sampleLines.length;
    if (share < MIN_SHARE || matched / distinct.size < builtin.minLinesPerId) continue;
    if (best === null || share > best.share) best = { key, share };
  }
  return best?.key ?? null;
}

/** The distinct session ids a key finds in a message, as text. */
export function sessionIdsOf(key: SessionKey, message: string): string[] {
  const ids: string[] = [];
  const add = (id: string): void => void (ids.includes(id) || ids.push(id));
  key.extract(message, { name: add, number: (text, start, _digits, end) => add(text.substring(start, end)) });
  return ids;
}
