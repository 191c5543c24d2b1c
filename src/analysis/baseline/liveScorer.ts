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
import { collectLog } from '../reading/collect';
import { bytesSource, decodeLine } from '../reading/sources';
import { explainVector } from '../report/explain';
import type { AnomalyRecord } from '../report/export';
import { describeReason } from '../report/reasons';
import { matchesExpectedTemplate } from '../scoring/expected';
import { raiseByLevelShares } from '../scoring/severity';
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

export class LiveScorer {
  private readonly miner: KnownTemplateMiner;
  private readonly options: AnalysisOptions;
  /** Lines before the next batch. */
  private linesBefore: number;
  /** Entries per template among the lines that arrived, for the "more frequent" reason. */
  private arrivedCounts = new Float64Array(0);
  private arrivedEntries = 0;

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
  }

  /** The anomalies among complete lines (`bytes` ends with a line break, or at the end of the log). */
  async scoreBytes(bytes: Uint8Array): Promise<LiveBatch> {
    if (bytes.length === 0) return { lines: 0, anomalies: [] };
    const log = await collectLog(bytesSource(bytes).chunks(), bytes.length, this.options, this.fitted.reading.sample, this.miner, { onBytes: () => undefined, isCancelled: () => false });
    const mined = this.miner.snapshot();
    const templateCount = mined.templates.length;
    const ofCluster = mined.templateOfCluster;
    const { lineModel } = this.fitted;
    const known = this.fitted.templates.length;
    const stats = extendTemplateStats(lineModel.stats, templateCount);
    const texts = mined.templates.map((template) => template.text);
    const tfidf = extendTemplateTfidf(lineModel.tfidf, texts.slice(known));
    const { vectors, entryVectors } = buildLineVectors([log], ofCluster, stats);
    const tokenCounts = Int32Array.from(mined.templates, (template) => template.tokens.length);
    const scores = lineModel.model ? lineModel.model.anomalyScores(scaledWith(lineFeatureMatrix(vectors, stats, tfidf, tokenCounts), lineModel.scaling)) : new Float64Array(vectors.count);
    // Raised by severity as the run's were, with the levels' shares of the log the models learnt from.
    raiseByLevelShares(scores, vectors.levels, lineModel.stats.levelCounts);

    const counts = new Float64Array(templateCount);
    counts.set(this.arrivedCounts.subarray(0, templateCount));
    for (let e = 0; e < log.entryCount; e++) counts[ofCluster[log.entryClusters[e]]]++;
    this.arrivedCounts = counts;
    this.arrivedEntries += log.entryCount;

    const context = { vectors, stats, tfidf, targetCounts: counts, targetLines: this.arrivedEntries, baseline: this.againstBaseline };
    const templateText = (id: number): string => texts[id] ?? '';
    const anomalies: LiveAnomaly[] = [];
    for (let e = 0; e < log.entryCount; e++) {
      const v = entryVectors[0][e];
      const template = vectors.templateIds[v];
      if (scores[v] < this.threshold || matchesExpectedTemplate(texts[template], this.options.expectedTemplates)) continue;
      const line = log.entryFirstLine[e];
      const time = log.entryTimes[e];
      anomalies.push({
        line: this.linesBefore + line + 1,
        score: roundScore(scores[v]),
        level: LEVEL_NAMES[vectors.levels[v]],
        time: Number.isNaN(time) ? null : new Date(time).toISOString(),
        templateId: template,
        template: texts[template],
        isNew: template >= known,
        reasons: explainVector(v, context).map((reason) => describeReason(reason, templateText)),
        text: decodeLine(bytes.subarray(log.starts[line], log.starts[line + 1])),
      });
    }
    this.linesBefore += log.lineCount;
    return { lines: log.lineCount, anomalies };
  }
}
