/**
 * Turns the miner's groups and clusters into the final templates: decides which word positions name the
 * event and which are parameters, then merges templates that differ only at variable positions.
 */
import type { MinerConfig } from './config';
import { MASK, TokenKind } from './masking';
import { isDigit } from './masking/characters';

export interface MinedTemplate {
  /** The template as a line of text, e.g. `Received block <BLK> of size <NUM> from /<IP>`. */
  readonly text: string;
  /** Its tokens as the miner compares them (key=value and key:value pairs split after the delimiter). */
  readonly tokens: readonly string[];
}

export interface MinedTemplates {
  /** Template id (dense, 0..T-1 in order of first appearance) of every cluster id. */
  readonly templateOfCluster: Int32Array;
  readonly templates: readonly MinedTemplate[];
}

/** What reading needs of a miner: a cluster id per message, and the templates of the clusters so far. */
export interface ClusterMiner {
  add(message: string): number;
  snapshot(): MinedTemplates;
}

/** What the miner's groups expose to the snapshot. */
export interface GroupView {
  /** Template tokens as shown: literals, masks, and wildcards with the punctuation their values share. */
  readonly display: readonly string[];
  /** TokenKind per position, or a fourth kind where Drain generalised (anything but a word is variable). */
  readonly kinds: Uint8Array;
  readonly spaced: readonly boolean[];
  /** Per position: word values still kept apart, `null` for a parameter, undefined for a literal. */
  readonly values: readonly (ReadonlySet<string> | null | undefined)[];
  readonly clusters: readonly number[];
}

const WILDCARD = MASK.wildcard;
const VARIABLE = '\u0000';

interface Draft {
  tokens: string[];
  variable: boolean[];
  spaced: readonly boolean[];
  firstCluster: number;
}

export function buildTemplates(
  groups: readonly GroupView[],
  clusterTokens: readonly (readonly string[])[],
  config: MinerConfig,
): MinedTemplates {
  const draftOfCluster = new Int32Array(clusterTokens.length);
  const drafts: Draft[] = [];
  for (const group of groups) {
    const categorical = categoricalPositions(group, clusterTokens, config);
    const byValues = new Map<string, number>();
    for (const cluster of group.clusters) {
      const tokens = clusterTokens[cluster];
      let key = '';
      for (const i of categorical) key += tokens[i] + VARIABLE;
      let draft = byValues.get(key);
      if (draft === undefined) {
        draft = drafts.length;
        byValues.set(key, draft);
        const template = group.display.slice();
        const variable = template.map((_, i) => group.kinds[i] !== TokenKind.word);
        for (const i of categorical) {
          template[i] = tokens[i];
          variable[i] = false;
        }
        drafts.push({ tokens: template, variable, spaced: group.spaced, firstCluster: cluster });
      }
      draftOfCluster[cluster] = draft;
    }
  }

  // Union of drafts whose tokens agree everywhere except at positions variable in both.
  const finalOfDraft = new Int32Array(drafts.length);
  const finals: Draft[] = [];
  const bySignature = new Map<string, number>();
  drafts.forEach((draft, index) => {
    const signature = config.mergeVariablePositions ? signatureOf(draft) : String(index);
    const known = bySignature.get(signature);
    if (known === undefined) {
      bySignature.set(signature, finals.length);
      finalOfDraft[index] = finals.length;
      finals.push({ ...draft, tokens: draft.tokens.slice() });
      return;
    }
    finalOfDraft[index] = known;
    const merged = finals[known];
    for (let i = 0; i < merged.tokens.length; i++) if (merged.tokens[i] !== draft.tokens[i]) merged.tokens[i] = WILDCARD;
    merged.firstCluster = Math.min(merged.firstCluster, draft.firstCluster);
  });

  // Dense ids in order of first appearance.
  const order = finals.map((_, index) => index).sort((a, b) => finals[a].firstCluster - finals[b].firstCluster);
  const idOfFinal = new Int32Array(finals.length);
  order.forEach((final, id) => (idOfFinal[final] = id));
  const templates = order.map((final) => {
    const { tokens, spaced } = finals[final];
    let text = '';
    for (let i = 0; i < tokens.length; i++) {
      // `environment:<*><*>` reads as one parameter.
      if (i > 0 && !spaced[i] && tokens[i] === WILDCARD && tokens[i - 1] === WILDCARD) continue;
      text += (i > 0 && spaced[i] ? ' ' : '') + tokens[i];
    }
    return { text, tokens };
  });
  const templateOfCluster = new Int32Array(clusterTokens.length);
  for (let cluster = 0; cluster < clusterTokens.length; cluster++) {
    templateOfCluster[cluster] = idOfFinal[finalOfDraft[draftOfCluster[cluster]]];
  }
  return { templateOfCluster, templates };
}

/**
 * Word positions that name the event: all values capitalised constants (states, enum names), at most
 * `maxCategoricalValues` of them; or at most `maxCategoricalWords` other words (bytes/values, ok/failed).
 */
function categoricalPositions(group: GroupView, clusterTokens: readonly (readonly string[])[], config: MinerConfig): number[] {
  const positions: number[] = [];
  group.values.forEach((values, i) => {
    if (!values) return;
    const distinct = new Set<string>();
    for (const cluster of group.clusters) distinct.add(clusterTokens[cluster][i]);
    let capitals = true;
    const stems = new Set<string>();
    for (const value of distinct) {
      if (!isCapitalWord(value)) capitals = false;
      stems.add(withoutDigits(value));
    }
    // Codes that differ only in their number (IRQ0, IRQ9; CPU0, CPU1) are numbered instances, not events.
    if (stems.size < distinct.size) return;
    if (distinct.size <= (capitals ? config.maxCategoricalValues : config.maxCategoricalWords)) positions.push(i);
  });
  return positions;
}

/**
 * `RUNNING`, `FAIL_TASK_CLEANUP`, `(LOOKING),`, `SOCKS5`: upper-case letters and underscores (at least two
 * letters), maybe a version of up to three digits after them, maybe within punctuation.
 */
export function isCapitalWord(value: string): boolean {
  let from = 0;
  let to = value.length;
  while (from < to && isPunctuation(value.charCodeAt(from))) from++;
  while (to > from && isPunctuation(value.charCodeAt(to - 1))) to--;
  let digits = 0;
  while (digits < 3 && to > from && isDigit(value.charCodeAt(to - 1))) {
    to--;
    digits++;
  }
  let letters = 0;
  for (let k = from; k < to; k++) {
    const code = value.charCodeAt(k);
    if (code >= 65 && code <= 90) letters++;
    else if (code !== 95) return false;
  }
  return letters >= 2;
}

function withoutDigits(value: string): string {
  let stem = '';
  for (let k = 0; k < value.length; k++) if (!isDigit(value.charCodeAt(k))) stem += value[k];
  return stem;
}

/** ASCII punctuation other than `_`. */
function isPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96 && code !== 95) || (code >= 123 && code <= 126);
}

function signatureOf(draft: Draft): string {
  let signature = String(draft.tokens.length);
  for (let i = 0; i < draft.tokens.length; i++) signature += VARIABLE + (draft.variable[i] ? '' : draft.tokens[i]);
  return signature;
}
