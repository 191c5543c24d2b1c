/**
 * A baseline model saved as versioned JSON (`log-anomaly train GOOD.log --save model.json`) and
 * loaded back: what scoring against it needs and nothing more (no line of the log but the reading
 * sample its format was chosen on). Loading checks every field, so a damaged or foreign file is one
 * sentence, never a crash or a wrong score.
 */
import type { ParameterSlot, TemplateStats } from '../features/lineFeatures';
import { PARAMS_PER_ENTRY } from '../features/parameters';
import type { TemplateTfidf } from '../features/tfidf';
import type { FittedAnomalyModel } from '../models';
import { MODEL_NAMES, type ModelName } from '../pipeline/options';
import type { SessionVectors } from '../sessions/sessionFeatures';
import type { BaselineModel } from './baselineModel';
import { Fields, jsonNumbers, SavedModelError } from './jsonFields';
import { anomalyModelFrom, anomalyModelJson } from './modelJson';

export { SavedModelError } from './jsonFields';

/** What the first field of a saved model says it is. */
export const SAVED_MODEL_KIND = 'log-anomaly-baseline';
/** Bumped whenever what is saved changes meaning (2: a quantity and its unit are one template token); a model of another version is refused. */
export const SAVED_MODEL_VERSION = 2;

/** Whether `head` (the start of a file) is the start of a saved model, whatever its version. */
export function isSavedModelHead(head: string): boolean {
  return new RegExp(`^\\s*\\{\\s*"kind"\\s*:\\s*"${SAVED_MODEL_KIND}"`).test(head);
}

export function savedModelJson(model: BaselineModel): string {
  const { stats, tfidf, scaling } = model.lineModel;
  const saved = {
    kind: SAVED_MODEL_KIND,
    version: SAVED_MODEL_VERSION,
    model: model.model,
    reading: model.reading,
    lines: model.lines,
    entries: model.entries,
    entryShare: model.entryShare,
    templates: model.templates.map((template) => ({ text: template.text, tokens: template.tokens })),
    lineModel: {
      stats: {
        referenceLines: stats.referenceLines,
        counts: Array.from(stats.counts),
        meanLength: jsonNumbers(stats.meanLength),
        lengthSpread: jsonNumbers(stats.lengthSpread),
        levelCounts: Array.from(stats.levelCounts),
        parameterSlots: stats.parameterSlots.flatMap((slot, index) => (slot === undefined ? [] : [{ index, total: slot.total, steps: Array.from(slot.steps), shares: jsonNumbers(slot.shares) }])),
      },
      tfidf: {
        vocabulary: tfidf.vocabulary,
        idf: jsonNumbers(tfidf.idf),
        templateWords: tfidf.templateWords.map((words) => Array.from(words)),
        maxIdf: jsonNumbers(tfidf.maxIdf),
        meanIdf: jsonNumbers(tfidf.meanIdf),
        components: tfidf.components,
        embedding: jsonNumbers(tfidf.embedding),
        basis: jsonNumbers(tfidf.basis),
        referenceLines: tfidf.referenceLines,
      },
      scaling: { mean: jsonNumbers(scaling.mean), spread: jsonNumbers(scaling.spread) },
      model: modelOrNull(model.lineModel.model),
    },
    sessionModel: { behaviours: behavioursJson(model.sessionModel.behaviours) },
  };
  return JSON.stringify(saved);
}

/** Loads a saved model; throws a SavedModelError whose message completes "FILE is not usable: ...". */
export function parseSavedModel(text: string): BaselineModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SavedModelError(`it is not a saved log-anomaly model (not JSON)`);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { kind?: unknown }).kind !== SAVED_MODEL_KIND) {
    throw new SavedModelError('it is not a saved log-anomaly model');
  }
  const root = new Fields(parsed, '');
  const version = root.raw('version');
  if (version !== SAVED_MODEL_VERSION) {
    throw new SavedModelError(`it was saved in model format ${JSON.stringify(version)} and this version reads format ${SAVED_MODEL_VERSION}: train it again`);
  }
  const model = root.string('model') as ModelName;
  if (!MODEL_NAMES.includes(model)) root.fail(MODEL_NAMES.join(', '), 'model');
  const reading = root.object('reading');
  const templates = root.objects('templates').map((template) => ({ text: template.string('text'), tokens: template.strings('tokens') }));
  const lineModel = root.object('lineModel');
  const count = templates.length;
  const stats = statsFrom(lineModel.object('stats'), count);
  const tfidf = tfidfFrom(lineModel.object('tfidf'), count);
  const lineScaling = scalingFrom(lineModel.object('scaling'));
  const lineModelFitted = modelFrom(lineModel, lineScaling.mean.length);
  const sessionModel = root.object('sessionModel');
  return {
    model,
    reading: {
      format: reading.string('format'),
      sessionKey: reading.string('sessionKey'),
      maxLineBytes: reading.integer('maxLineBytes', 64),
      sample: reading.strings('sample'),
    },
    lines: root.integer('lines'),
    entries: root.integer('entries'),
    entryShare: root.raw('entryShare') === null ? null : root.number('entryShare'),
    templates,
    lineModel: { stats, tfidf, scaling: lineScaling, model: lineModelFitted },
    sessionModel: { behaviours: behavioursFrom(sessionModel.object('behaviours'), count) },
  };
}

function modelOrNull(model: FittedAnomalyModel | null): object | null {
  return model === null ? null : anomalyModelJson(model);
}

function modelFrom(parent: Fields, cols: number): FittedAnomalyModel | null {
  const fields = parent.optionalObject('model');
  if (fields === null) return null;
  const model = anomalyModelFrom(fields);
  if (model.cols !== cols) fields.fail(`a model over ${cols} columns`, 'cols');
  return model;
}

function statsFrom(fields: Fields, templates: number): TemplateStats {
  const parameterSlots: (ParameterSlot | undefined)[] = new Array(templates * PARAMS_PER_ENTRY);
  for (const slot of fields.objects('parameterSlots')) {
    const index = slot.integer('index');
    if (index >= parameterSlots.length) slot.fail(`below ${parameterSlots.length}`, 'index');
    parameterSlots[index] = { total: slot.number('total'), steps: Int16Array.from(slot.int32s('steps', 256)), shares: slot.float64s('shares', 256) };
  }
  return {
    referenceLines: fields.number('referenceLines'),
    counts: fields.float64s('counts', templates),
    meanLength: fields.float64s('meanLength', templates),
    lengthSpread: fields.float64s('lengthSpread', templates),
    levelCounts: fields.float64s('levelCounts', 8),
    parameterSlots,
  };
}

function tfidfFrom(fields: Fields, templates: number): TemplateTfidf {
  const vocabulary = fields.strings('vocabulary');
  const components = fields.integer('components');
  const templateWords = fields.lists('templateWords').map((words) => Int32Array.from(words, Number));
  if (templateWords.length !== templates || !templateWords.every((words) => words.every((w) => w >= 0 && w < vocabulary.length))) {
    fields.fail('word indices for every template', 'templateWords');
  }
  return {
    vocabulary,
    idf: fields.float64s('idf', vocabulary.length),
    templateWords,
    maxIdf: fields.float64s('maxIdf', templates),
    meanIdf: fields.float64s('meanIdf', templates),
    components,
    embedding: fields.float64s('embedding', templates * components),
    basis: fields.float64s('basis', components * vocabulary.length),
    referenceLines: fields.number('referenceLines'),
  };
}

function scalingFrom(fields: Fields): { mean: Float64Array; spread: Float64Array } {
  const mean = fields.float64s('mean');
  return { mean, spread: fields.float64s('spread', mean.length) };
}

function behavioursJson(behaviours: SessionVectors): object {
  return {
    weights: Array.from(behaviours.weights),
    eventStarts: Array.from(behaviours.eventStarts),
    templates: Array.from(behaviours.templates),
    counts: Array.from(behaviours.counts),
    lengths: Array.from(behaviours.lengths),
    durationBuckets: jsonNumbers(behaviours.durationBuckets),
    maxLineScores: jsonNumbers(behaviours.maxLineScores),
  };
}

function behavioursFrom(fields: Fields, templateCount: number): SessionVectors {
  const weights = fields.float64s('weights');
  const count = weights.length;
  const eventStarts = fields.int32s('eventStarts', count + 1, 0);
  const events = eventStarts[count];
  for (let v = 0; v < count; v++) if (eventStarts[v] > eventStarts[v + 1] || eventStarts[0] !== 0) fields.fail('ascending event starts', 'eventStarts');
  const templates = fields.int32s('templates', events, 0);
  if (!templates.every((template) => template < templateCount)) fields.fail(`template ids below ${templateCount}`, 'templates');
  return {
    count,
    weights,
    eventStarts,
    templates,
    counts: fields.int32s('counts', events, 1),
    lengths: fields.float64s('lengths', count),
    durationBuckets: fields.float64s('durationBuckets', count),
    maxLineScores: fields.float64s('maxLineScores', count),
  };
}
