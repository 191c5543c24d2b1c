/**
 * Drain-style template miner (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth Tree", 2017;
 * Drain3). Messages are masked, routed through a fixed-depth tree (token count, then leading tokens; tokens with
 * digits or masks take the wildcard branch) to a leaf of groups, and join the most similar group or start one.
 *
 * One refinement over Drain: where a group's messages differ in plain words, the miner keeps the words apart
 * (as "variants", which are the cluster ids `add()` returns) and decides only in `snapshot()`, from the values
 * seen, whether the position names the event (states such as RUNNING/FAILED, or two words such as
 * `bytes`/`values`) or is a parameter (user names, class names). Nothing is stored per line: the state is
 * per cluster, plus a bounded cache of masked messages already placed.
 */
import { resolveMinerConfig, type MinerConfig } from './config';
import { KEY_SEPARATOR, MASK, Masker, TokenKind } from './masking';
import { COLON, DOT, isAsciiLetter, isDigit } from './masking/characters';
import { buildTemplates, type ClusterMiner, type GroupView, isCapitalWord, type MinedTemplates } from './templates';

export type { ClusterMiner, MinedTemplate, MinedTemplates } from './templates';

const WILDCARD = MASK.wildcard;
/** Kind of a template position that Drain generalised. */
const WILDCARD_KIND = 3;

/** Values of a wildcard position kept apart per variant, or `null` once the position is a parameter. */
type PositionValues = Set<string> | null;

interface CachedShape {
  readonly shape: Int32Array;
  readonly cluster: number;
  readonly next: CachedShape | undefined;
}

interface TreeNode {
  readonly children: Map<string, TreeNode>;
  readonly groups: Group[];
  /**
   * For a leaf: per position, the groups whose template holds each literal token there, so the most similar
   * group is found from the message's own tokens instead of by comparing it with every group of the leaf.
   */
  readonly postings: Map<string, Group[]>[];
}

class Group implements GroupView {
  /** The template Drain compares messages with (`<*>` where they differ). */
  readonly tokens: string[];
  /** The same for people: a wildcard keeps the punctuation all its values share (`<*>,` for `KB,` and `B,`). */
  readonly display: string[];
  readonly kinds: Uint8Array;
  readonly spaced: readonly boolean[];
  /** Per position: undefined while the position is literal. */
  readonly values: (PositionValues | undefined)[];
  readonly variants = new Map<string, number>();
  readonly clusters: number[] = [];
  wildcards = 0;
  /** The tree leaf the group lives in (none for the overflow group). */
  leaf: TreeNode | undefined;
  // Scratch for the similarity count of one search.
  searchEpoch = 0;
  equalTokens = 0;

  constructor(
    readonly id: number,
    tokens: string[],
    kinds: Uint8Array,
    spaced: boolean[],
  ) {
    this.tokens = tokens;
    this.display = tokens.slice();
    this.kinds = kinds;
    this.spaced = spaced;
    this.values = new Array<PositionValues | undefined>(tokens.length);
  }
}

export class TemplateMiner implements ClusterMiner {
  readonly config: MinerConfig;
  private readonly masker: Masker;
  private readonly byLength = new Map<number, TreeNode>();
  /** Masked message → cluster, by hash (entries with equal hashes are chained). */
  private readonly cache = new Map<number, CachedShape>();
  private cached = 0;
  private readonly groups: Group[] = [];
  /** Per cluster: the tokens of its first message. */
  private readonly clusterTokens: (readonly string[])[] = [];
  private overflowCluster = -1;
  private readonly maxVariants: number;
  private searchEpoch = 0;
  private readonly candidates: Group[] = [];

  constructor(config?: Partial<MinerConfig>) {
    this.config = resolveMinerConfig(config);
    this.masker = new Masker(this.config);
    this.maxVariants = Math.max(4 * Math.max(this.config.maxCategoricalValues, this.config.maxCategoricalWords), 1);
  }

  get clusterCount(): number {
    return this.clusterTokens.length;
  }

  /** Mines one message; returns its cluster id (0, 1, 2, ... stable for the miner's whole life).
   *  When `params` is given, pushes the numeric values of the message's masked numeric tokens, in order. */
  add(message: string, params?: number[]): number {
    const masker = this.masker;
    masker.mask(message, params);
    const hash = masker.hash();
    for (let known = this.cache.get(hash); known !== undefined; known = known.next) {
      if (masker.matchesShape(known.shape)) return known.cluster;
    }
    const shape = this.config.cacheSize > 0 ? masker.shape() : null;
    masker.materialise();
    // Tokens cut from the flat key, so that what a new cluster keeps holds no reference to the whole message.
    const tokens = masker.length === 0 ? [] : masker.key.split(KEY_SEPARATOR);
    const cluster = this.place(tokens, masker.kinds, masker.spaced, masker.length);
    if (this.config.cacheSize > 0) {
      if (this.cached >= this.config.cacheSize) {
        this.cache.clear();
        this.cached = 0;
      }
      this.cache.set(hash, { shape: shape as Int32Array, cluster, next: this.cache.get(hash) });
      this.cached++;
    }
    return cluster;
  }

  /** The grouping as of now, after post-processing merges; pure, and `add()` may continue afterwards. */
  snapshot(): MinedTemplates {
    return buildTemplates(this.groups, this.clusterTokens, this.config);
  }

  // ---- the tree ----------------------------------------------------------------------------------------

  private place(tokens: readonly string[], kinds: readonly TokenKind[], spaced: readonly boolean[], n: number): number {
    const leaf = this.search(tokens, kinds, n);
    let group = leaf === undefined ? undefined : this.bestGroup(leaf, tokens, n);
    const full = this.config.maxClusters !== null && this.clusterCount >= this.config.maxClusters;
    if (group === undefined) {
      if (full) return this.overflow();
      group = this.createGroup(tokens, kinds, spaced, n);
    } else {
      this.generalise(group, tokens, kinds, n);
    }
    let key = variantKey(group, tokens, n);
    let known = group.variants.get(key);
    // Bound the variants of one group: past the limit, the open position with the most values becomes a parameter.
    while (known === undefined && group.variants.size >= this.maxVariants && openWidest(group)) {
      key = variantKey(group, tokens, n);
      known = group.variants.get(key);
    }
    if (known !== undefined) return known;
    if (full) return group.clusters[0];
    return this.createCluster(group, key, tokens, n);
  }

  private search(tokens: readonly string[], kinds: readonly TokenKind[], n: number): TreeNode | undefined {
    let node = this.byLength.get(n);
    const depth = Math.min(this.config.treeDepth, n);
    for (let i = 0; i < depth && node !== undefined; i++) {
      const token = routesByValue(kinds[i], tokens[i]) ? tokens[i] : WILDCARD;
      node = node.children.get(token) ?? node.children.get(WILDCARD);
    }
    return node;
  }

  /**
   * Drain's fast match: the group with the most tokens equal to the message's (wildcards do not count), ties to
   * more wildcards, then to the oldest; none when the best shares less than the similarity threshold.
   */
  private bestGroup(leaf: TreeNode, tokens: readonly string[], n: number): Group | undefined {
    const threshold = this.config.similarityThreshold;
    if (n === 0 || threshold === 0) return this.bestGroupByScan(leaf.groups, tokens, n);
    const epoch = ++this.searchEpoch;
    const candidates = this.candidates;
    candidates.length = 0;
    for (let i = 0; i < n; i++) {
      const holders = leaf.postings[i]?.get(tokens[i]);
      if (holders === undefined) continue;
      for (const group of holders) {
        if (group.searchEpoch !== epoch) {
          group.searchEpoch = epoch;
          group.equalTokens = 0;
          candidates.push(group);
        }
        group.equalTokens++;
      }
    }
    let best: Group | undefined;
    for (const group of candidates) {
      if (
        best === undefined ||
        group.equalTokens > best.equalTokens ||
        (group.equalTokens === best.equalTokens && (group.wildcards > best.wildcards || (group.wildcards === best.wildcards && group.id < best.id)))
      ) {
        best = group;
      }
    }
    return best !== undefined && best.equalTokens / n >= threshold ? best : undefined;
  }

  /** The same choice by comparing with every group (for an empty message, or a threshold of 0). */
  private bestGroupByScan(groups: readonly Group[], tokens: readonly string[], n: number): Group | undefined {
    let best: Group | undefined;
    let bestEqual = -1;
    for (const group of groups) {
      const template = group.tokens;
      let equal = 0;
      for (let i = 0; i < n; i++) if (template[i] === tokens[i]) equal++;
      if (best === undefined || equal > bestEqual || (equal === bestEqual && group.wildcards > best.wildcards)) {
        best = group;
        bestEqual = equal;
      }
    }
    return best;
  }

  private createGroup(tokens: readonly string[], kinds: readonly TokenKind[], spaced: readonly boolean[], n: number): Group {
    const group = new Group(this.groups.length, tokens.slice(0, n), Uint8Array.from(kinds.slice(0, n)), spaced.slice(0, n));
    this.groups.push(group);
    let node: TreeNode | undefined = this.byLength.get(n);
    if (node === undefined) {
      node = newNode();
      this.byLength.set(n, node);
    }
    const maxChildren = this.config.maxChildren;
    const depth = Math.min(this.config.treeDepth, n);
    for (let i = 0; i < depth; i++) {
      const token = routesByValue(kinds[i], tokens[i]) ? tokens[i] : WILDCARD;
      let child: TreeNode | undefined = node.children.get(token);
      if (child === undefined) {
        // Drain keeps the last child slot for the wildcard, where all further distinct tokens go.
        const hasWildcard = node.children.has(WILDCARD);
        const room = hasWildcard ? node.children.size < maxChildren : node.children.size + 1 < maxChildren;
        const key = token !== WILDCARD && room ? token : WILDCARD;
        child = node.children.get(key);
        if (child === undefined) {
          child = newNode();
          node.children.set(key, child);
        }
      }
      node = child;
    }
    node.groups.push(group);
    group.leaf = node;
    for (let i = 0; i < n; i++) {
      const postings = (node.postings[i] ??= new Map());
      const holders = postings.get(tokens[i]);
      if (holders === undefined) postings.set(tokens[i], [group]);
      else holders.push(group);
    }
    return group;
  }

  /** Joins a message to a group: differing positions become wildcards; word values are remembered per position. */
  private generalise(group: Group, tokens: readonly string[], kinds: readonly TokenKind[], n: number): void {
    const template = group.tokens;
    const limit = Math.max(this.config.maxCategoricalValues, this.config.maxCategoricalWords);
    for (let i = 0; i < n; i++) {
      const token = tokens[i];
      if (template[i] === WILDCARD) {
        const shown = group.display[i];
        // A value that breaks the shown punctuation keeps what it still shares with it (`<*>:` for `a.b.c:` and `x.y.z:`).
        if (shown !== WILDCARD && !fitsAffixes(shown, token)) group.display[i] = wildcardWithAffixes(shown, token);
        const values = group.values[i];
        if (values === null || values === undefined || values.has(token)) continue;
        if (!mayNameEvent(kinds[i], token) || values.size >= limit) group.values[i] = null;
        else values.add(token);
      } else if (template[i] !== token) {
        const holders = group.leaf?.postings[i]?.get(template[i]);
        if (holders !== undefined) holders.splice(holders.indexOf(group), 1);
        const bothWords = mayNameEvent(kinds[i], token) && mayNameEvent(group.kinds[i], template[i]);
        group.values[i] = bothWords && limit >= 2 ? new Set([template[i], token]) : null;
        group.display[i] = wildcardWithAffixes(template[i], token);
        template[i] = WILDCARD;
        group.kinds[i] = WILDCARD_KIND;
        group.wildcards++;
      }
    }
  }

  private createCluster(group: Group, key: string, tokens: readonly string[], n: number): number {
    const id = this.clusterTokens.length;
    group.variants.set(key, id);
    group.clusters.push(id);
    this.clusterTokens.push(tokens.slice(0, n));
    return id;
  }

  /** Past `maxClusters`, messages that fit no group share one extra cluster with the template `<*>`. */
  private overflow(): number {
    if (this.overflowCluster < 0) {
      const group = new Group(this.groups.length, [WILDCARD], Uint8Array.of(WILDCARD_KIND), [true]);
      group.values[0] = null;
      group.wildcards = 1;
      this.groups.push(group);
      this.overflowCluster = this.createCluster(group, '', [WILDCARD], 1);
    }
    return this.overflowCluster;
  }
}

/**
 * Whether the tree routes a token by its value: a plain word, but not a qualified name that labels what
 * follows (`com.apple.CacheDelete.daily:`, a job or class naming the message's source), whose values the
 * snapshot weighs like any word's (a few kept apart, many a parameter) once the messages have met in one leaf.
 */
function routesByValue(kind: number, token: string): boolean {
  return kind === TokenKind.word && !isQualifiedLabel(token);
}

/** A name with two dots or more, each between letters or digits, and a colon after it: `org.apache.Foo:`. */
function isQualifiedLabel(token: string): boolean {
  const end = token.length - 1;
  if (end < 5 || token.charCodeAt(end) !== COLON) return false;
  let dots = 0;
  for (let k = 1; k < end - 1; k++) {
    if (token.charCodeAt(k) === DOT && isAlphanumeric(token.charCodeAt(k - 1)) && isAlphanumeric(token.charCodeAt(k + 1))) dots++;
  }
  return dots >= 2;
}

function isAlphanumeric(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code);
}

/**
 * Whether a token's value may name the event rather than fill a parameter: a plain word, or a capitalised
 * code with a version (`SOCKS5` beside `HTTPS`), which the masker counts as a value for its digits.
 */
function mayNameEvent(kind: number, token: string): boolean {
  return kind === TokenKind.word || (kind === TokenKind.value && isCapitalWord(token));
}

/** Brackets, quotes and punctuation that may stay around a wildcard, and the space in a quantity (`<NUM> <*>` for `<NUM> KB` and `<NUM> MB`). */
function isAffix(code: number): boolean {
  return code === 32 || code === 40 || code === 41 || code === 91 || code === 93 || code === 123 || code === 125 || code === 34 || code === 39 || code === 44 || code === 59 || code === 46 || code === 58 || code === 47 || code === 61;
}

/**
 * `<*>` with the text two differing tokens share at both ends, cut back to punctuation so no part of a
 * varying word stays: `KB,` and `B,` → `<*>,`; `"alice","ip":` and `"bob","ip":` → `"<*>","ip":`.
 */
function wildcardWithAffixes(a: string, b: string): string {
  const shortest = Math.min(a.length, b.length);
  let head = 0;
  while (head < shortest && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  while (head > 0 && !isAffix(a.charCodeAt(head - 1))) head--;
  let tail = 0;
  while (tail < shortest - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  while (tail > 0 && !isAffix(a.charCodeAt(a.length - tail))) tail--;
  return a.slice(0, head) + WILDCARD + a.slice(a.length - tail);
}

/** Whether a token still has the punctuation a displayed wildcard keeps around it. */
function fitsAffixes(shown: string, token: string): boolean {
  const at = shown.indexOf(WILDCARD);
  const head = shown.slice(0, at);
  const tail = shown.slice(at + WILDCARD.length);
  return token.length >= head.length + tail.length && token.startsWith(head) && token.endsWith(tail);
}

function newNode(): TreeNode {
  return { children: new Map(), groups: [], postings: [] };
}

/** Makes the open position with the most distinct values a parameter; false when none is open. */
function openWidest(group: Group): boolean {
  let widest = -1;
  let widestSize = 0;
  group.values.forEach((values, i) => {
    if (values && values.size > widestSize) {
      widest = i;
      widestSize = values.size;
    }
  });
  if (widest < 0) return false;
  group.values[widest] = null;
  return true;
}

/** The message's words at the group's open positions, each prefixed by its index so keys never collide. */
function variantKey(group: Group, tokens: readonly string[], n: number): string {
  let key = '';
  for (let i = 0; i < n; i++) if (group.values[i]) key += i + '\u0001' + tokens[i] + '\u0001';
  return key;
}
