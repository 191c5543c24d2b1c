/**
 * Per-entry features, deduplicated into distinct feature vectors: template, level, how far the
 * message length is from its template's usual, how rare its numeric parameters are for the template,
 * and its stack trace. Millions of lines collapse into a few thousand vectors, and all model work
 * happens once per vector, weighted by its line count.
 */
import type { CollectedLog } from '../reading/collect';
import { continuationLines, entryOfWalkedLine, nextLineEntry, type EntrySpans } from '../reading/entryLines';
import type { LineVectorIds } from '../report/report';
import type { EntryTemplates } from '../pipeline/readLogs';
import { Level } from '../formats/levels';
import { PARAMS_PER_ENTRY } from './parameters';
import { CHECK_EVERY, noCheckpoint, type Checkpoint } from '../pipeline/progress';
import type { TemplateTfidf } from './tfidf';

/** Templates need this many reference lines before their lengths and parameters are judged. */
const MIN_LINES_FOR_STATS = 20;

export const LengthDeviation = { usual: 0, longer: 1, muchLonger: 2, shorter: 3, muchShorter: 4 } as const;
export const ParameterRarity = { usual: 0, rare: 1, veryRare: 2 } as const;

/** Numeric stand-ins for the buckets, on a "standard deviations" / "-log10 share" scale. */
const LENGTH_VALUES = [0, 4.5, 8, -4.5, -8];
const PARAMETER_VALUES = [0, 2, 3];

/** Per-template statistics of the reference log (the file itself, or the baseline). */
export interface TemplateStats {
  readonly referenceLines: number;
  readonly counts: Float64Array;
  readonly meanLength: Float64Array;
  readonly lengthSpread: Float64Array;
  /** Parameter statistics by slot (template * PARAMS_PER_ENTRY + position), for templates with enough lines. */
  readonly parameterSlots: readonly (ParameterSlot | undefined)[];
  /** Reference lines per level. */
  readonly levelCounts: Float64Array;
}

/** The magnitudes of one template's parameter at one position. */
export interface ParameterSlot {
  /** Lines with a parameter there. */
  readonly total: number;
  /** For each magnitude code: steps above the 99th percentile code (0 within the usual range)... */
  readonly steps: Int16Array;
  /** ...and the share of the lines with a code at least as large. */
  readonly shares: Float64Array;
}

/** @param entryTemplates template of each entry of `log` */
export function templateStats(log: CollectedLog, entryTemplates: EntryTemplates, templateCount: number, checkpoint: Checkpoint = noCheckpoint): TemplateStats {
  const counts = new Float64Array(templateCount);
  const lengthSum = new Float64Array(templateCount);
  const lengthSquares = new Float64Array(templateCount);
  const bins: (Uint32Array | undefined)[] = new Array(templateCount * PARAMS_PER_ENTRY);
  const levelCounts = new Float64Array(8);
  for (let e = 0; e < log.entryCount; e++) {
    if ((e & CHECK_EVERY) === 0) checkpoint();
    const template = entryTemplates[e];
    const length = log.entryLengths[e];
    counts[template]++;
    lengthSum[template] += length;
    lengthSquares[template] += length * length;
    levelCounts[log.entryLevels[e]]++;
  }
  const referenceLines = log.entryCount;
  // Parameters of the templates with enough lines to judge them (the others are never judged):
  // 256 bins per template and position.
  for (let e = 0; e < log.entryCount; e++) {
    if ((e & CHECK_EVERY) === 0) checkpoint();
    const template = entryTemplates[e];
    if (counts[template] < MIN_LINES_FOR_STATS) continue;
    for (let p = 0; p < PARAMS_PER_ENTRY; p++) {
      const code = log.entryParams[e * PARAMS_PER_ENTRY + p];
      if (code === 0) continue;
      const slot = template * PARAMS_PER_ENTRY + p;
      (bins[slot] ??= new Uint32Array(256))[code]++;
    }
  }
  const meanLength = new Float64Array(templateCount);
  const lengthSpread = new Float64Array(templateCount);
  for (let t = 0; t < templateCount; t++) {
    if (counts[t] === 0) continue;
    const mean = lengthSum[t] / counts[t];
    const variance = Math.max(0, lengthSquares[t] / counts[t] - mean * mean);
    meanLength[t] = mean;
    // A floor keeps templates of constant length from flagging a one-character difference.
    lengthSpread[t] = Math.max(Math.sqrt(variance), 1 + 0.05 * mean);
  }
  const parameterSlots = bins.map((slotBins) => (slotBins === undefined ? undefined : parameterSlot(slotBins)));
  return { referenceLines, counts, meanLength, lengthSpread, parameterSlots, levelCounts };
}

/** A reference's statistics over more templates: those it never had have no lines (and so are never judged). */
export function extendTemplateStats(stats: TemplateStats, templateCount: number): TemplateStats {
  const known = stats.counts.length;
  if (templateCount <= known) return stats;
  const padded = (values: Float64Array): Float64Array => {
    const out = new Float64Array(templateCount);
    out.set(values);
    return out;
  };
  const parameterSlots = [...stats.parameterSlots];
  parameterSlots.length = templateCount * PARAMS_PER_ENTRY;
  return { ...stats, counts: padded(stats.counts), meanLength: padded(stats.meanLength), lengthSpread: padded(stats.lengthSpread), parameterSlots };
}

/** Steps above the 99th percentile and the share of lines at least as large, for every code. */
function parameterSlot(bins: Uint32Array): ParameterSlot {
  let total = 0;
  for (const count of bins) total += count;
  let high = 255;
  for (let code = 1, below = 0; code < 256; code++) {
    below += bins[code];
    if (bins[code] > 0 && below >= 0.99 * total) {
      high = code;
      break;
    }
  }
  const steps = new Int16Array(256);
  const shares = new Float64Array(256);
  for (let code = 255, asLarge = 0; code >= 1; code--) {
    asLarge += bins[code];
    steps[code] = Math.max(0, code - high);
    shares[code] = asLarge / total;
  }
  return { total, steps, shares };
}

/**
 * A parameter is rare when its magnitude lies this many steps (a third of an octave each) above
 * the template's 99th percentile (2x) and at most this share of the template's lines have one as
 * large; very rare at 8x and a tenth of that share. Only large values count: sizes, durations and
 * counts matter when they grow, and the small end of a counter or an id is not news.
 */
const RARE_PARAMETER_STEPS = 3;
const RARE_PARAMETER_SHARE = 0.001;
const VERY_RARE_PARAMETER_STEPS = 9;
const VERY_RARE_PARAMETER_SHARE = 0.0001;

/** The distinct feature vectors of a log, and which vector each entry has. */
export interface LineVectors {
  readonly count: number;
  readonly templateIds: Int32Array;
  readonly levels: Uint8Array;
  /** Lines (entries plus continuation lines) per vector in the log under test. */
  readonly counts: Float64Array;
  readonly lengthDeviation: Uint8Array;
  /** Message length when it deviates, else 0. */
  readonly lengths: Uint16Array;
  readonly parameterRarity: Uint8Array;
  /** When the parameters are rare: which one, its code, and the share of its template's lines with that code. */
  readonly rareParameterPosition: Int8Array;
  readonly rareParameterCode: Uint8Array;
  readonly rareParameterShare: Float64Array;
  readonly continuationLines: Uint32Array;
}

class VectorBuilder {
  readonly templateIds: number[] = [];
  readonly levels: number[] = [];
  readonly counts: number[] = [];
  readonly lengthDeviation: number[] = [];
  readonly lengths: number[] = [];
  readonly parameterRarity: number[] = [];
  readonly rareParameterPosition: number[] = [];
  readonly rareParameterCode: number[] = [];
  readonly rareParameterShare: number[] = [];
  readonly continuationLines: number[] = [];
  /** The usual vector of each (template, level): a dense table, -1 until seen. */
  private readonly common: Int32Array;
  /** Unusual entries (rare by construction) by a string key. */
  private readonly unusual = new Map<string, number>();

  constructor(templateCount: number) {
    this.common = new Int32Array(templateCount * 8).fill(-1);
  }

  vectorOf(template: number, level: number, lengthBucket: number, length: number, rarity: number, position: number, code: number, share: number, continuations: number): number {
    // The usual case gets a numeric key; unusual entries (rare by construction) a string key.
    const usual = lengthBucket === 0 && rarity === 0 && continuations === 0;
    const numericKey = template * 8 + level;
    const stringKey = usual ? '' : `${template},${level},${lengthBucket},${length},${rarity},${position},${code},${continuations}`;
    const existing = usual ? this.common[numericKey] : (this.unusual.get(stringKey) ?? -1);
    if (existing >= 0) return existing;
    const id = this.templateIds.length;
    if (usual) this.common[numericKey] = id;
    else this.unusual.set(stringKey, id);
    this.templateIds.push(template);
    this.levels.push(level);
    this.counts.push(0);
    this.lengthDeviation.push(lengthBucket);
    this.lengths.push(lengthBucket === 0 ? 0 : length);
    this.parameterRarity.push(rarity);
    this.rareParameterPosition.push(rarity === 0 ? -1 : position);
    this.rareParameterCode.push(rarity === 0 ? 0 : code);
    this.rareParameterShare.push(rarity === 0 ? 1 : share);
    this.continuationLines.push(continuations);
    return id;
  }
}

/** The first `used` ids in 4 bytes each. */
function widened(ids: Int16Array, used: number): Int32Array {
  const wide = new Int32Array(ids.length);
  wide.set(ids.subarray(0, used));
  return wide;
}

/** The most vectors whose ids fit a line's 2-byte slot (-1 marks a blank line). */
const INT16_MAX = 0x7fff;

/**
 * Assigns a vector to every entry of a log, 2 bytes an entry while the ids fit (as lineVectorIdsOf
 * keeps them for lines).
 * @param entryTemplates template of each entry of `log`
 */
export function buildLineVectors(
  log: CollectedLog,
  entryTemplates: EntryTemplates,
  stats: TemplateStats,
  checkpoint: Checkpoint = noCheckpoint,
): { vectors: LineVectors; entryVectors: LineVectorIds } {
  const builder = new VectorBuilder(stats.counts.length);
  let entryVectors: LineVectorIds = new Int16Array(log.entryCount);
  for (let e = 0; e < log.entryCount; e++) {
    if ((e & CHECK_EVERY) === 0) checkpoint();
    const template = entryTemplates[e];
    const length = log.entryLengths[e];
    const lengthBucket = lengthDeviationOf(stats, template, length);
    let position = -1;
    let code = 0;
    let share = 1;
    let steps = 0;
    if (stats.counts[template] >= MIN_LINES_FOR_STATS) {
      for (let p = 0; p < PARAMS_PER_ENTRY; p++) {
        const c = log.entryParams[e * PARAMS_PER_ENTRY + p];
        if (c === 0) continue;
        const slot = stats.parameterSlots[template * PARAMS_PER_ENTRY + p];
        if (slot === undefined || slot.total < MIN_LINES_FOR_STATS) continue;
        if (slot.steps[c] > steps) {
          steps = slot.steps[c];
          share = slot.shares[c];
          position = p;
          code = c;
        }
      }
    }
    const rarity =
      steps >= VERY_RARE_PARAMETER_STEPS && share <= VERY_RARE_PARAMETER_SHARE
        ? ParameterRarity.veryRare
        : steps >= RARE_PARAMETER_STEPS && share <= RARE_PARAMETER_SHARE
          ? ParameterRarity.rare
          : ParameterRarity.usual;
    const continuations = continuationLines(log, e);
    const vector = builder.vectorOf(template, log.entryLevels[e], lengthBucket, length, rarity, position, code, share, continuations);
    if (vector > INT16_MAX && entryVectors instanceof Int16Array) entryVectors = widened(entryVectors, e);
    entryVectors[e] = vector;
  }
  for (let e = 0; e < log.entryCount; e++) builder.counts[entryVectors[e]] += 1 + continuationLines(log, e);
  return {
    entryVectors,
    vectors: {
      count: builder.templateIds.length,
      templateIds: Int32Array.from(builder.templateIds),
      levels: Uint8Array.from(builder.levels),
      counts: Float64Array.from(builder.counts),
      lengthDeviation: Uint8Array.from(builder.lengthDeviation),
      lengths: Uint16Array.from(builder.lengths),
      parameterRarity: Uint8Array.from(builder.parameterRarity),
      rareParameterPosition: Int8Array.from(builder.rareParameterPosition),
      rareParameterCode: Uint8Array.from(builder.rareParameterCode),
      rareParameterShare: Float64Array.from(builder.rareParameterShare),
      continuationLines: Uint32Array.from(builder.continuationLines),
    },
  };
}

function lengthDeviationOf(stats: TemplateStats, template: number, length: number): number {
  if (stats.counts[template] < MIN_LINES_FOR_STATS) return LengthDeviation.usual;
  const deviation = (length - stats.meanLength[template]) / stats.lengthSpread[template];
  if (deviation > 6) return LengthDeviation.muchLonger;
  if (deviation > 3) return LengthDeviation.longer;
  if (deviation < -6) return LengthDeviation.muchShorter;
  if (deviation < -3) return LengthDeviation.shorter;
  return LengthDeviation.usual;
}

/**
 * The vector of each line of a log from the vector of each entry: the entry's for its header and
 * continuation lines, -1 for blank lines. 2 bytes a line while the ids fit, the per-line array the
 * report keeps.
 */
export function lineVectorIdsOf(log: EntrySpans, entryVectors: LineVectorIds, vectorCount: number, checkpoint: Checkpoint = noCheckpoint): LineVectorIds {
  // Every line an entry (HDFS): the entries' ids are the lines', in no more bytes than the vectors need.
  if (log.entryCount === log.lineCount && (entryVectors instanceof Int16Array) === (vectorCount <= INT16_MAX)) return entryVectors;
  const ids: LineVectorIds = vectorCount <= INT16_MAX ? new Int16Array(log.lineCount) : new Int32Array(log.lineCount);
  for (let line = 0, walked = -1; line < log.lineCount; line++) {
    if ((line & CHECK_EVERY) === 0) checkpoint();
    walked = nextLineEntry(log, line, walked);
    const entry = entryOfWalkedLine(log, line, walked);
    ids[line] = entry < 0 ? -1 : entryVectors[entry];
  }
  return ids;
}

/** Feature columns handed to the models, one row per vector. */
export const LINE_FEATURE_NAMES = ['template rarity', 'max idf', 'mean idf', 'token count', 'level', 'length deviation', 'parameter rarity', 'stack trace'] as const;

/**
 * @param weights the line weight of each vector in the data the model is fitted on
 */
export function lineFeatureMatrix(vectors: LineVectors, stats: TemplateStats, tfidf: TemplateTfidf, templateTokenCounts: Int32Array): { rows: number; cols: number; values: Float64Array } {
  const components = tfidf.components;
  const cols = LINE_FEATURE_NAMES.length + components;
  const values = new Float64Array(vectors.count * cols);
  const reference = Math.max(1, stats.referenceLines);
  for (let v = 0; v < vectors.count; v++) {
    const template = vectors.templateIds[v];
    const share = Math.max(stats.counts[template], 0.5) / reference;
    const row = v * cols;
    values[row] = -Math.log10(share);
    values[row + 1] = tfidf.maxIdf[template];
    values[row + 2] = tfidf.meanIdf[template];
    values[row + 3] = templateTokenCounts[template];
    values[row + 4] = severityValue(vectors.levels[v]);
    values[row + 5] = LENGTH_VALUES[vectors.lengthDeviation[v]];
    values[row + 6] = PARAMETER_VALUES[vectors.parameterRarity[v]];
    values[row + 7] = Math.log2(1 + vectors.continuationLines[v]);
    for (let c = 0; c < components; c++) values[row + LINE_FEATURE_NAMES.length + c] = tfidf.embedding[template * components + c];
  }
  return { rows: vectors.count, cols, values };
}

/** Unknown levels sit with INFO: most lines without a level are ordinary. */
function severityValue(level: number): number {
  return level === Level.unknown ? Level.info : level;
}
