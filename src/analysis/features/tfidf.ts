/**
 * TF-IDF over template words. Every line of a template has the same words, so the vectors are
 * computed per template with document frequencies weighted by how many lines each template has;
 * the IDF comes from the file itself (or from the baseline in baseline mode). A few principal
 * directions of the line-weighted TF-IDF matrix give the models a dense view of "what the line
 * talks about", so a rare template made of common words stands apart from one made of rare words.
 */
import type { Rng } from '../models/random';

export interface TemplateTfidf {
  /** idf per vocabulary word. */
  readonly idf: Float64Array;
  readonly vocabulary: readonly string[];
  /** Word indices of each template (distinct, in order of appearance). */
  readonly templateWords: readonly Int32Array[];
  /** Highest and mean IDF of each template's words (0 for a template without words). */
  readonly maxIdf: Float64Array;
  readonly meanIdf: Float64Array;
  /** `components` values per template, row-major. */
  readonly embedding: Float64Array;
  readonly components: number;
  /** The principal directions (`components` rows over the vocabulary; zero rows past its size). */
  readonly basis: Float64Array;
  /** Lines of the reference log: the IDF of a word it never had is log(1 + referenceLines) + 1. */
  readonly referenceLines: number;
}

const MASK_TOKEN = /<[A-Z*][A-Z0-9*_]*>/g;
const WORD_SPLIT = /[^A-Za-z_]+/;

/** The words of a template: masks and digits dropped, lower-cased, at least two letters. */
export function templateWords(text: string): string[] {
  return text.replace(MASK_TOKEN, ' ').split(WORD_SPLIT).filter((word) => word.length >= 2).map((word) => word.toLowerCase());
}

/**
 * @param texts template texts by template id
 * @param referenceCounts lines per template in the reference log (the file itself, or the baseline)
 */
export function buildTemplateTfidf(texts: readonly string[], referenceCounts: Float64Array, components: number, rng: Rng): TemplateTfidf {
  const vocabularyIndex = new Map<string, number>();
  const vocabulary: string[] = [];
  const templateWordsList: Int32Array[] = [];
  const termFrequencies: Float64Array[] = [];
  for (const text of texts) {
    const counts = new Map<number, number>();
    for (const word of templateWords(text)) {
      let index = vocabularyIndex.get(word);
      if (index === undefined) {
        index = vocabulary.length;
        vocabularyIndex.set(word, index);
        vocabulary.push(word);
      }
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    templateWordsList.push(Int32Array.from(counts.keys()));
    termFrequencies.push(Float64Array.from(counts.values()));
  }

  let totalLines = 0;
  for (const count of referenceCounts) totalLines += count;
  const documentFrequency = new Float64Array(vocabulary.length);
  templateWordsList.forEach((words, template) => {
    for (const word of words) documentFrequency[word] += referenceCounts[template];
  });
  const idf = documentFrequency.map((df) => Math.log((1 + totalLines) / (1 + df)) + 1);

  const maxIdf = new Float64Array(texts.length);
  const meanIdf = new Float64Array(texts.length);
  const rows: Float64Array[] = [];
  templateWordsList.forEach((words, template) => {
    const tf = termFrequencies[template];
    const row = new Float64Array(words.length);
    let norm = 0;
    let sum = 0;
    for (let i = 0; i < words.length; i++) {
      const weight = idf[words[i]];
      maxIdf[template] = Math.max(maxIdf[template], weight);
      sum += weight;
      row[i] = tf[i] * weight;
      norm += row[i] * row[i];
    }
    meanIdf[template] = words.length > 0 ? sum / words.length : 0;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < row.length; i++) row[i] /= norm;
    rows.push(row);
  });

  const k = Math.min(components, vocabulary.length);
  const embedding = new Float64Array(texts.length * components);
  const basis = new Float64Array(components * vocabulary.length);
  if (k > 0) {
    basis.set(principalDirections(templateWordsList, rows, referenceCounts, vocabulary.length, k, rng));
    for (let t = 0; t < texts.length; t++) {
      const words = templateWordsList[t];
      for (let c = 0; c < k; c++) {
        let value = 0;
        for (let i = 0; i < words.length; i++) value += rows[t][i] * basis[c * vocabulary.length + words[i]];
        embedding[t * components + c] = value;
      }
    }
  }
  return { idf, vocabulary, templateWords: templateWordsList, maxIdf, meanIdf, embedding, components, basis, referenceLines: totalLines };
}

/**
 * The TF-IDF of a fitted reference with templates it never had appended (`texts`, after its own):
 * as if they had been in the reference with no lines. Their words the reference lacks get the IDF of
 * a word in no line and no weight in the principal directions, which is what fitting would give them.
 */
export function extendTemplateTfidf(fitted: TemplateTfidf, texts: readonly string[]): TemplateTfidf {
  if (texts.length === 0) return fitted;
  const { components } = fitted;
  // The basis spans the words of the fit; words appended since (by an earlier extension) lie outside it.
  const basisWords = components > 0 ? fitted.basis.length / components : 0;
  const absentIdf = Math.log(1 + fitted.referenceLines) + 1;
  const vocabulary = [...fitted.vocabulary];
  const index = new Map(vocabulary.map((word, i) => [word, i]));
  const idf = Array.from(fitted.idf);
  const old = fitted.templateWords.length;
  const maxIdf = new Float64Array(old + texts.length);
  const meanIdf = new Float64Array(old + texts.length);
  const embedding = new Float64Array((old + texts.length) * components);
  maxIdf.set(fitted.maxIdf);
  meanIdf.set(fitted.meanIdf);
  embedding.set(fitted.embedding);
  const templateWordsList = [...fitted.templateWords];
  texts.forEach((text, i) => {
    const template = old + i;
    // Distinct words in order of appearance with their counts, as the fit counts them.
    const counts = new Map<number, number>();
    for (const word of templateWords(text)) {
      let w = index.get(word);
      if (w === undefined) {
        w = vocabulary.push(word) - 1;
        index.set(word, w);
        idf.push(absentIdf);
      }
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const words = [...counts.keys()];
    const row = words.map((w) => (counts.get(w) as number) * idf[w]);
    const norm = Math.sqrt(row.reduce((sum, value) => sum + value * value, 0));
    let sum = 0;
    for (const w of words) {
      maxIdf[template] = Math.max(maxIdf[template], idf[w]);
      sum += idf[w];
    }
    meanIdf[template] = words.length > 0 ? sum / words.length : 0;
    for (let c = 0; c < components && norm > 0; c++) {
      let value = 0;
      words.forEach((w, k) => {
        if (w < basisWords) value += (row[k] / norm) * fitted.basis[c * basisWords + w];
      });
      embedding[template * components + c] = value;
    }
    templateWordsList.push(Int32Array.from(words));
  });
  return { ...fitted, vocabulary, idf: Float64Array.from(idf), maxIdf, meanIdf, embedding, templateWords: templateWordsList };
}

/** Top-k right singular vectors of the line-weighted sparse matrix, by subspace iteration. */
function principalDirections(
  words: readonly Int32Array[],
  rows: readonly Float64Array[],
  weights: Float64Array,
  dimensions: number,
  k: number,
  rng: Rng,
): Float64Array {
  const basis = new Float64Array(k * dimensions);
  for (let i = 0; i < basis.length; i++) basis[i] = rng.next() - 0.5;
  orthonormalize(basis, k, dimensions);
  const projected = new Float64Array(k);
  for (let iteration = 0; iteration < 15; iteration++) {
    const next = new Float64Array(k * dimensions);
    for (let t = 0; t < rows.length; t++) {
      const weight = weights[t];
      if (weight <= 0) continue;
      const row = rows[t];
      const w = words[t];
      for (let c = 0; c < k; c++) {
        let value = 0;
        for (let i = 0; i < w.length; i++) value += row[i] * basis[c * dimensions + w[i]];
        projected[c] = value * weight;
      }
      for (let c = 0; c < k; c++) {
        for (let i = 0; i < w.length; i++) next[c * dimensions + w[i]] += row[i] * projected[c];
      }
    }
    orthonormalize(next, k, dimensions);
    basis.set(next);
  }
  return basis;
}

/** Gram-Schmidt on k row vectors; a vector that collapses to zero stays zero. */
function orthonormalize(vectors: Float64Array, k: number, dimensions: number): void {
  for (let c = 0; c < k; c++) {
    const offset = c * dimensions;
    for (let previous = 0; previous < c; previous++) {
      const other = previous * dimensions;
      let dot = 0;
      for (let i = 0; i < dimensions; i++) dot += vectors[offset + i] * vectors[other + i];
      for (let i = 0; i < dimensions; i++) vectors[offset + i] -= dot * vectors[other + i];
    }
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += vectors[offset + i] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) vectors[offset + i] = norm > 1e-12 ? vectors[offset + i] / norm : 0;
  }
}
