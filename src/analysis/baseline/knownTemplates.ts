/**
 * Mining against a fitted baseline: a message that fits one of the baseline's templates (same
 * tokens, any value where the template has a wildcard) is that template, and the baseline's
 * templates never change; the rest are mined among themselves as new templates, numbered after
 * the baseline's. So a log scored against a baseline sees the templates the models were fitted on.
 */
import { TemplateMiner, type ClusterMiner, type MinedTemplate, type MinedTemplates } from '../mining/drain';
import { KEY_SEPARATOR, MASK, Masker } from '../mining/masking';
import { resolveMinerConfig } from '../mining/config';

export class KnownTemplateMiner implements ClusterMiner {
  private readonly masker = new Masker(resolveMinerConfig());
  /** Known template ids by token count. */
  private readonly byLength = new Map<number, number[]>();
  private readonly fresh = new TemplateMiner();

  /** @param known the baseline's templates, by template id */
  constructor(private readonly known: readonly MinedTemplate[]) {
    known.forEach((template, id) => {
      const list = this.byLength.get(template.tokens.length);
      if (list === undefined) this.byLength.set(template.tokens.length, [id]);
      else list.push(id);
    });
  }

  /** A known template's id, or (after the known ones) the cluster of a new one. */
  add(message: string): number {
    const masker = this.masker;
    masker.mask(message);
    masker.materialise();
    const tokens = masker.length === 0 ? [] : masker.key.split(KEY_SEPARATOR);
    const known = this.bestKnown(tokens);
    return known >= 0 ? known : this.known.length + this.fresh.add(message);
  }

  /** The known templates, then the new ones. */
  snapshot(): MinedTemplates {
    const mined = this.fresh.snapshot();
    const known = this.known.length;
    const freshClusters = this.fresh.clusterCount;
    const templateOfCluster = new Int32Array(known + freshClusters);
    for (let t = 0; t < known; t++) templateOfCluster[t] = t;
    for (let c = 0; c < freshClusters; c++) templateOfCluster[known + c] = known + mined.templateOfCluster[c];
    return { templateOfCluster, templates: [...this.known, ...mined.templates] };
  }

  /** The matching template with the most literal tokens (the lowest id among equals), or -1. */
  private bestKnown(tokens: readonly string[]): number {
    let best = -1;
    let bestLiterals = -1;
    for (const id of this.byLength.get(tokens.length) ?? []) {
      const template = this.known[id].tokens;
      let literals = 0;
      let fits = true;
      for (let i = 0; i < tokens.length && fits; i++) {
        if (template[i] === MASK.wildcard) continue;
        fits = template[i] === tokens[i];
        literals++;
      }
      if (fits && literals > bestLiterals) {
        best = id;
        bestLiterals = literals;
      }
    }
    return best;
  }
}
