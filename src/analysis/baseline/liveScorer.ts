/**
 * Lines that arrive after a run (a followed log), scored against what the run fitted: each batch of
 * complete lines is read as the log was, matched to the known templates (others mined as new ones,
 * which stay new for later batches) and scored by the fitted line model against the run's threshold.
 * Nothing is refitted, so a batch costs its own lines only.
 */
import { buildLineVectors, extendTemplateStats, lineFeatureMatrix } from '../features/lineFeatures';
import { extendTemplateTfidf } from '../features/tfidf';
import { LEVEL_NAMES } from '../formats/levels';
import { scaledWith } from '../pipeline/modelInput';
import { resolveOptions, type AnalysisOptions } from '../pipeline/options';
import { clustersToTemplates, collectLog } from '../reading/collect';
import { entryOfWalkedLine, firstLineOf, nextLineEntry } from '../reading/entryLines';
import { bytesSource, decodeLine } from '../reading/sources';
import { explainVector } from '../report/explain';
import type { AnomalyRecord } from '../report/export';
import { headerFields } from '../report/lineFields';
import { describeReason, type Reason } from '../report/reasons';
import { matchesExpectedTemplate } from '../scoring/expected';
import { raiseByLevelShares, spreadOf } from '../scoring/severity';
import { resolveFormat, type LogFormat } from '../formats';
import { roundScore } from '../util/text';
import { optionsAgainst, type BaselineModel } from './baselineModel';
import { KnownTemplateMiner } from './knownTemplates';

/** An anomalous line among those that arrived: an exported anomaly's fields but its rank, and whether its template is new. */
export interface LiveAnomaly extends Omit<AnomalyRecord, 'rank'> {
  /** A template the fitted model never saw. */
  readonly isNew: boolean;
}

export interface LiveBatch {
  readonly lines: number;
  readonly anomalies: readonly LiveAnomaly[];
}

/**
 * Lines that arrived, scored, in the shape a report keeps (typed arrays, one score per distinct
 * feature vector), to be appended to the run's report (report/appendArrived). Template ids are the
 * batch's own, indexes into `templates`: the report maps them by text.
 */
export interface ArrivedLines {
  /** 0-based number of the first line that arrived. */
  readonly firstLine: number;
  /** lineCount + 1 byte offsets in the log: line i spans [starts[i], starts[i + 1]). */
  readonly starts: Float64Array;
  /** Vector of each line (index into `vectors`), -1 for a blank line. */
  readonly lineVectors: Int32Array;
  /** First line (of the batch, 0-based) of each entry; and each entry's time (ms, NaN without) and level. */
  readonly entryFirstLines: Int32Array;
  readonly entryTimes: Float64Array;
  readonly entryLevels: Uint8Array;
  readonly vectors: ArrivedVectors;
  /** Texts of the templates `vectors` and reasons name; `isNew[t]` = 1 for one the fitted model never saw. */
  readonly templates: readonly string[];
  readonly isNew: Uint8Array;
}

export interface ArrivedVectors {
  readonly count: number;
  readonly templateIds: Int32Array;
  readonly levels: Uint8Array;
  /** Entries with the vector, as the report's histogram weighs them. */
  readonly counts: Float64Array;
  readonly scores: Float64Array;
  readonly reasons: readonly (readonly Reason[])[];
}

export class LiveScorer {
  private readonly miner: KnownTemplateMiner;
  private readonly options: AnalysisOptions;
  /** Lines before the next batch. */
  private linesBefore: number;
  /** Entries per template among the lines that arrived, for the "more frequent" reason. */
  private arrivedCounts = new Float64Array(0);
  private arrivedEntries = 0;
  /** The format the lines are read with, to read an anomaly's time and component as lines.csv writes them. */
  private readonly format: LogFormat;

  /**
   * @param fitted what the run fitted (the log's own fit, or its baseline)
   * @param threshold the run's line threshold
   * @param firstLine 0-based number of the first line to arrive
   * @param againstBaseline whether `fitted` is a baseline (reasons then compare with it)
   */
  constructor(
    private readonly fitted: BaselineModel,
    private readonly threshold: number,
    runOptions: Partial<AnalysisOptions>,
    firstLine: number,
    private readonly againstBaseline: boolean,
  ) {
    this.options = optionsAgainst(fitted, resolveOptions(runOptions));
    this.miner = new KnownTemplateMiner(fitted.templates);
    this.linesBefore = firstLine;
    // As collectLog resolves it for each batch: the same option on the same sample.
    this.format = resolveFormat(this.options.format, fitted.reading.sample);
  }

  /** The anomalies among complete lines (`bytes` ends with a line break, or at the end of the log). */
  async scoreBytes(bytes: Uint8Array): Promise<LiveBatch> {
    const arrived = await this.scoreLines(bytes, 0);
    const lines = arrived.lineVectors.length;
    const { vectors, templates } = arrived;
    const templateText = (id: number): string => templates[id] ?? '';
    const anomalies: LiveAnomaly[] = [];
    for (let e = 0; e < arrived.entryFirstLines.length; e++) {
      const line = arrived.entryFirstLines[e];
      const v = arrived.lineVectors[line];
      const template = vectors.templateIds[v];
      if (vectors.scores[v] < this.threshold || matchesExpectedTemplate(templates[template], this.options.expectedTemplates)) continue;
      const text = decodeLine(bytes.subarray(arrived.starts[line], arrived.starts[line + 1]));
      const header = headerFields(text, this.format);
      anomalies.push({
        line: arrived.firstLine + line + 1,
        score: roundScore(vectors.scores[v]),
        level: LEVEL_NAMES[vectors.levels[v]],
        time: header.time === '' ? null : header.time,
        component: header.component,
        entry: arrived.firstLine + line + 1,
        templateId: template,
        template: templates[template],
        isNew: arrived.isNew[template] === 1,
        reasons: vectors.reasons[v].map((reason) => describeReason(reason, templateText)),
        text,
      });
    }
    return { lines, anomalies };
  }

  /**
   * Complete lines (`bytes` ends with a line break, or at the end of the log) scored, every vector
   * explained (so a moved threshold needs nothing new).
   * @param firstByte offset of `bytes` in the log
   */
  async scoreLines(bytes: Uint8Array, firstByte: number): Promise<ArrivedLines> {
    const firstLine = this.linesBefore;
    const log = await collectLog(bytesSource(bytes).chunks(), bytes.length, this.options, this.fitted.reading.sample, this.miner, { onBytes: () => undefined, isCancelled: () => false });
    const mined = this.miner.snapshot();
    const templateCount = mined.templates.length;
    const { lineModel } = this.fitted;
    const known = this.fitted.templates.length;
    const stats = extendTemplateStats(lineModel.stats, templateCount);
    const texts = mined.templates.map((template) => template.text);
    const tfidf = extendTemplateTfidf(lineModel.tfidf, texts.slice(known));
    const entryTemplates = clustersToTemplates(log, mined.templateOfCluster, templateCount);
    const { vectors, entryVectors } = buildLineVectors(log, entryTemplates, stats);
    const tokenCounts = Int32Array.from(mined.templates, (template) => template.tokens.length);
    const scores = lineModel.model ? lineModel.model.anomalyScores(scaledWith(lineFeatureMatrix(vectors, stats, tfidf, tokenCounts), lineModel.scaling)) : new Float64Array(vectors.count);
    // Raised by severity as the run's were, with the levels' shares of the log the models learnt from and,
    // following the log's own fit, its templates' presence there (a new template is not always there).
    const presence = this.againstBaseline ? undefined : lineModel.templatePresence;
    const spreads = presence && Float64Array.from(vectors.templateIds.subarray(0, vectors.count), (template) => (template < known ? spreadOf(presence, template) : 0));
    raiseByLevelShares(scores, vectors.levels, lineModel.stats.levelCounts, spreads);

    const counts = new Float64Array(templateCount);
    counts.set(this.arrivedCounts.subarray(0, templateCount));
    for (let e = 0; e < log.entryCount; e++) counts[entryTemplates[e]]++;
    this.arrivedCounts = counts;
    this.arrivedEntries += log.entryCount;
    this.linesBefore += log.lineCount;

    const context = { vectors, stats, tfidf, targetCounts: counts, targetLines: this.arrivedEntries, baseline: this.againstBaseline, templatePresence: presence ?? null };
    const lineVectors = new Int32Array(log.lineCount);
    for (let line = 0, walked = -1; line < log.lineCount; line++) {
      walked = nextLineEntry(log, line, walked);
      const entry = entryOfWalkedLine(log, line, walked);
      lineVectors[line] = entry < 0 ? -1 : entryVectors[entry];
    }
    const starts = new Float64Array(log.lineCount + 1);
    for (let line = 0; line <= log.lineCount; line++) starts[line] = firstByte + log.starts[line];
    return {
      firstLine,
      starts,
      lineVectors,
      entryFirstLines: Int32Array.from({ length: log.entryCount }, (_, e) => firstLineOf(log, e)),
      entryTimes: Float64Array.from({ length: log.entryCount }, (_, e) => log.entryTimes.of(e)),
      entryLevels: log.entryLevels.slice(0, log.entryCount),
      vectors: {
        count: vectors.count,
        templateIds: vectors.templateIds.slice(0, vectors.count),
        levels: vectors.levels.slice(0, vectors.count),
        counts: vectors.counts.slice(0, vectors.count),
        scores,
        reasons: Array.from({ length: vectors.count }, (_, v) => explainVector(v, context)),
      },
      templates: texts,
      isNew: Uint8Array.from(texts, (_, id) => (id >= known ? 1 : 0)),
    };
  }
}
