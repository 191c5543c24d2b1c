/** The fitted anomaly models as JSON values and back, checked so that a loaded model scores safely. */
import { FittedEnsemble, FittedIsolationForest, FittedOneClassSvm, type FittedAnomalyModel } from '../models';
import { Fields, jsonNumbers } from './jsonFields';

export function anomalyModelJson(model: FittedAnomalyModel): object {
  if (model instanceof FittedIsolationForest) {
    const { feature, value, left, outside, boxes } = model.nodes;
    return {
      name: 'iforest',
      cols: model.cols,
      sampleSize: model.sampleSize,
      roots: Array.from(model.roots),
      treeFeatures: model.treeFeatures.map((features) => Array.from(features)),
      nodes: { feature: Array.from(feature), value: jsonNumbers(value), left: Array.from(left), outside: jsonNumbers(outside), boxes: jsonNumbers(boxes) },
    };
  }
  if (model instanceof FittedOneClassSvm) {
    return {
      name: 'ocsvm',
      cols: model.cols,
      gamma: model.gamma,
      supportVectors: jsonNumbers(model.supportVectors),
      coefficients: jsonNumbers(model.coefficients),
      rho: model.rho,
      info: model.info,
    };
  }
  if (model instanceof FittedEnsemble) return { name: 'ensemble', forest: anomalyModelJson(model.forest), svm: anomalyModelJson(model.svm) };
  throw new RangeError(`a ${model.name} model cannot be saved`);
}

export function anomalyModelFrom(fields: Fields): FittedAnomalyModel {
  const name = fields.string('name');
  switch (name) {
    case 'iforest':
      return forestFrom(fields);
    case 'ocsvm':
      return svmFrom(fields);
    case 'ensemble': {
      const forest = forestFrom(fields.object('forest'));
      const svm = svmFrom(fields.object('svm'));
      if (forest.cols !== svm.cols) fields.fail('two models over the same columns', 'svm');
      return new FittedEnsemble(forest, svm);
    }
    default:
      return fields.fail('iforest, ocsvm or ensemble', 'name');
  }
}

function forestFrom(fields: Fields): FittedIsolationForest {
  const cols = fields.integer('cols', 1);
  const nodes = fields.object('nodes');
  const feature = nodes.int32s('feature', undefined, -1);
  const count = feature.length;
  const value = nodes.float64s('value', count);
  const left = nodes.int32s('left', count, -1);
  const outside = nodes.float64s('outside', count);
  const boxes = nodes.float64s('boxes');
  const roots = fields.int32s('roots', undefined, 0);
  const treeFeatures = fields.lists('treeFeatures').map((list) => Int32Array.from(list, Number));
  if (treeFeatures.length !== roots.length) fields.fail('one feature list per tree', 'treeFeatures');
  // Every walk must stay inside the arrays: split nodes point at a pair of nodes, boxes lie in `boxes`.
  for (let node = 0; node < count; node++) {
    if (feature[node] >= cols || (feature[node] >= 0 && left[node] + 1 >= count)) nodes.fail('a valid tree', 'feature');
  }
  treeFeatures.forEach((features, tree) => {
    if (roots[tree] >= count || !features.every((f) => Number.isInteger(f) && f >= 0 && f < cols)) fields.fail('valid trees', 'roots');
  });
  return new FittedIsolationForest(cols, fields.number('sampleSize'), roots, treeFeatures, { feature, value, left, outside, boxes });
}

function svmFrom(fields: Fields): FittedOneClassSvm {
  const cols = fields.integer('cols', 1);
  const supportVectors = fields.float64s('supportVectors');
  const coefficients = fields.float64s('coefficients', supportVectors.length / cols);
  if (supportVectors.length !== coefficients.length * cols) fields.fail(`rows of ${cols} numbers`, 'supportVectors');
  const info = fields.object('info');
  return new FittedOneClassSvm(cols, fields.number('gamma'), supportVectors, coefficients, fields.number('rho'), {
    iterations: info.integer('iterations'),
    converged: info.raw('converged') === true,
    trainingRows: info.integer('trainingRows'),
  });
}
