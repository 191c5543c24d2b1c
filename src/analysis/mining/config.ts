/** Settings of the template miner, validated once into a complete snapshot (Drain3 keeps them apart too). */

/** The kinds of variable the masker recognises; each can be switched off. */
export type MaskKind =
  | 'url'
  | 'path'
  | 'date'
  | 'time'
  | 'uuid'
  | 'mac'
  | 'ip'
  | 'hex'
  | 'block'
  | 'number'
  | 'version'
  | 'hostPort'
  | 'hostname'
  | 'id';

export const MASK_KINDS: readonly MaskKind[] = [
  'url',
  'path',
  'date',
  'time',
  'uuid',
  'mac',
  'ip',
  'hex',
  'block',
  'number',
  'version',
  'hostPort',
  'hostname',
  'id',
];

export interface MinerConfig {
  /** How many leading tokens route a message through the parse tree (Drain's "depth" minus its two fixed levels). */
  readonly treeDepth: number;
  /** Fraction of a template's tokens a message must equal to join it; below it a new cluster starts. */
  readonly similarityThreshold: number;
  /** Children per tree node before further distinct tokens share the wildcard child. */
  readonly maxChildren: number;
  /**
   * Most clusters the miner creates (`null`: no limit), which bounds its memory (about 1.5 KB a cluster) on
   * logs whose lines hardly repeat. Past it, a message that would start a cluster joins its group's first
   * cluster, or, when it fits no group, one extra overflow cluster (template `<*>`).
   */
  readonly maxClusters: number | null;
  /**
   * Characters that end a token inside a whitespace-separated word, staying with the left part
   * (`uid=0` → `uid=` `0`), so keys and values of key=value and key:value pairs are compared apart.
   */
  readonly extraDelimiters: string;
  /** Variables replaced by typed masks (`<IP>`, `<NUM>`, ...) before the tree search. */
  readonly masks: readonly MaskKind[];
  /** A run of the same mask (`<BLK> <BLK> <BLK>`: a list of ids) counts as one token. */
  readonly collapseRepeatedMasks: boolean;
  /**
   * Where a group's messages differ in plain words, the words may name the event rather than fill a parameter.
   * A position whose values are all capitalised constants (RUNNING, FAIL_TASK_CLEANUP: states, enum names)
   * keeps up to this many of them apart as distinct templates. 0 turns this off.
   */
  readonly maxCategoricalValues: number;
  /**
   * Other words (bytes/values, ok/failed) are kept apart while a position has at most this many of them;
   * more (user names, class names) make it a parameter. 0 turns this off.
   */
  readonly maxCategoricalWords: number;
  /** After mining, templates that differ only at variable positions (masks, wildcards, tokens with digits) merge. */
  readonly mergeVariablePositions: boolean;
  /** Distinct masked messages remembered so repeated shapes skip the tree search (memory is bounded by it). */
  readonly cacheSize: number;
}

export const DEFAULT_MINER_CONFIG: MinerConfig = {
  treeDepth: 2,
  similarityThreshold: 0.5,
  maxChildren: 100,
  maxClusters: 50_000,
  extraDelimiters: '=:',
  masks: MASK_KINDS,
  collapseRepeatedMasks: true,
  maxCategoricalValues: 32,
  maxCategoricalWords: 2,
  mergeVariablePositions: true,
  cacheSize: 100_000,
};

/** Fills defaults and checks every field; a bad value throws a RangeError that says what to fix. */
export function resolveMinerConfig(input: Partial<MinerConfig> = {}): MinerConfig {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const config: MinerConfig = { ...DEFAULT_MINER_CONFIG, ...defined };
  requireInteger('treeDepth', config.treeDepth, 0, 16);
  if (typeof config.similarityThreshold !== 'number' || !(config.similarityThreshold >= 0 && config.similarityThreshold <= 1)) {
    throw new RangeError(`similarityThreshold must be a number in [0, 1]; got ${String(config.similarityThreshold)}`);
  }
  requireInteger('maxChildren', config.maxChildren, 2, 1_000_000);
  if (config.maxClusters !== null) requireInteger('maxClusters', config.maxClusters, 1, 2 ** 31 - 1, ' or null for no limit');
  if (typeof config.extraDelimiters !== 'string' || /[\s<>*]/.test(config.extraDelimiters)) {
    throw new RangeError(
      `extraDelimiters must be a string of punctuation characters (no whitespace, "<", ">" or "*"); got ${JSON.stringify(config.extraDelimiters)}`,
    );
  }
  if (!Array.isArray(config.masks)) {
    throw new RangeError(`masks must be an array of mask kinds (${MASK_KINDS.join(', ')})`);
  }
  for (const kind of config.masks) {
    if (!MASK_KINDS.includes(kind)) {
      throw new RangeError(`masks: unknown mask kind ${JSON.stringify(kind)}; use any of ${MASK_KINDS.join(', ')}`);
    }
  }
  if (typeof config.collapseRepeatedMasks !== 'boolean') {
    throw new RangeError(`collapseRepeatedMasks must be true or false; got ${String(config.collapseRepeatedMasks)}`);
  }
  requireInteger('maxCategoricalValues', config.maxCategoricalValues, 0, 4096);
  requireInteger('maxCategoricalWords', config.maxCategoricalWords, 0, 4096);
  if (typeof config.mergeVariablePositions !== 'boolean') {
    throw new RangeError(`mergeVariablePositions must be true or false; got ${String(config.mergeVariablePositions)}`);
  }
  requireInteger('cacheSize', config.cacheSize, 0, 100_000_000);
  return config;
}

function requireInteger(name: string, value: unknown, min: number, max: number, alternative = ''): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}]${alternative}; got ${String(value)}`);
  }
}
