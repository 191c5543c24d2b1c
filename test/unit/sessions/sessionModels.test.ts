import assert from 'node:assert/strict';
import { analyzeLog, describeReason, resolveOptions, textSource, type Reason } from '../../../src/analysis';
import { parseCommandLine } from '../../../src/cli/args';
import { parseSettings } from '../../../src/editor/state/settingsSchema';
import { createRng } from '../../../src/analysis/models/random';
import { countRows } from '../../../src/analysis/sessions/models/countRows';
import { invariantResidual, mineInvariants } from '../../../src/analysis/sessions/models/invariants';
import { RowSpan, symmetricEigen } from '../../../src/analysis/sessions/models/linearAlgebra';
import { scoreSessionVectors, type SessionScoring } from '../../../src/analysis/sessions/models/sessionModel';
import { TransitionCounts } from '../../../src/analysis/sessions/models/transitions';
import { SessionVectorBuilder, type SessionGroups, type SessionVectors } from '../../../src/analysis/sessions/sessionFeatures';
import type { SessionModelName } from '../../../src/analysis/pipeline/options';
import { hdfsLog } from '../pipeline/syntheticLogs';

/** Session vectors from each session's event counts (template id → count). */
function vectorsOf(sessions: readonly (readonly number[])[]): { vectors: SessionVectors; vectorOf: Int32Array } {
  const builder = new SessionVectorBuilder();
  const vectorOf = Int32Array.from(sessions, (counts) => {
    const templates: number[] = [];
    counts.forEach((count, template) => {
      for (let k = 0; k < count; k++) templates.push(template);
    });
    return builder.vectorOf(Int32Array.from(templates).sort(), NaN, 0);
  });
  return { vectors: builder.build([{ vectorOf } as unknown as SessionGroups]), vectorOf };
}

/**
 * Write pipelines: open once, r replicas received and acknowledged (r = 2 or 3), close once, and
 * reads served a random number of times; `planted` sessions are changed by `plant`.
 */
function pipelineSessions(count: number, seed: number, plant: (counts: number[], index: number) => void, planted: readonly number[]): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, s) => {
    const replicas = 2 + rng.nextInt(2);
    const counts = [1, replicas, replicas, 1, rng.nextInt(4)];
    if (planted.includes(s)) plant(counts, planted.indexOf(s));
    return counts;
  });
}

function score(vectors: SessionVectors, requested: SessionModelName): SessionScoring {
  return scoreSessionVectors({
    vectors,
    weights: vectors.weights,
    requested,
    lineModel: 'iforest',
    contamination: 'auto',
    featureScoring: () => ({ scores: new Float64Array(vectors.count).fill(0.4), threshold: 1 }),
  });
}

const TEXTS = ['open <*>', 'received <*>', 'ack <*>', 'close <*>', 'served <*>'];
const describe_ = (reason: Reason): string => describeReason(reason, (id) => TEXTS[id]);

describe('session models', () => {
  it('RowSpan tells a relation that follows from kept ones from a new one', () => {
    const span = new RowSpan(3);
    assert.equal(span.addIfIndependent([1, -1, 0]), true);
    assert.equal(span.addIfIndependent([0, 1, -1]), true);
    assert.equal(span.wouldBeIndependent([1, 0, -1]), false);
    assert.equal(span.addIfIndependent([2, -2, 0]), false);
    assert.equal(span.addIfIndependent([0, 0, 1]), true);
    assert.equal(span.rank, 3);
  });

  it('symmetricEigen finds the eigenvalues and unit eigenvectors of a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    assert.deepEqual(Array.from(values, (v) => Math.round(v * 1e9) / 1e9), [5, 3, 1]);
    // The eigenvector of 3 is (1, 1, 0) / √2, up to sign.
    assert.ok(Math.abs(Math.abs(vectors[3]) - Math.SQRT1_2) < 1e-9 && Math.abs(vectors[3] - vectors[4]) < 1e-9 && Math.abs(vectors[5]) < 1e-9);
  });

  it('mines the invariants of pipelines and ranks a session that breaks one first, with its counts in the reason', () => {
    const sessions = pipelineSessions(600, 3, (counts) => (counts[2] = counts[1] - 1), [250]);
    const { vectors, vectorOf } = vectorsOf(sessions);
    const invariants = mineInvariants(countRows(vectors));
    // open = 1, close = 1 and received = ack; served is tied to nothing.
    const described = invariants.map((invariant) => `${invariant.terms.map((t) => `${t.coefficient}*${t.column}`).join(' ')} = ${invariant.constant}`);
    assert.ok(described.includes('1*0 = 1') && described.includes('1*3 = 1') && described.includes('1*1 -1*2 = 0'), described.join('; '));
    assert.ok(invariants.every((invariant) => invariant.terms.every((term) => term.column !== 4)), described.join('; '));
    assert.ok(invariants.every((invariant) => invariantResidual(invariant, [1, 3, 3, 1, 2]) === 0));

    const scoring = score(vectors, 'auto');
    assert.equal(scoring.model, 'invariants');
    const planted = vectorOf[250];
    const top = Array.from(scoring.scores.keys()).sort((a, b) => scoring.scores[b] - scoring.scores[a])[0];
    assert.equal(top, planted);
    assert.ok(scoring.scores[planted] >= scoring.threshold);
    for (let v = 0; v < vectors.count; v++) if (v !== planted) assert.ok(scoring.scores[v] < scoring.threshold, `vector ${v} flagged`);
    const reasons = scoring.reasons(planted).map(describe_);
    assert.match(reasons[0], /^\d × "received <\*>" but \d × "ack <\*>": 100(\.0+)?% of sessions have as many of each$|^\d × "received <\*>" but \d × "ack <\*>": 99\.\d+% of sessions have as many of each$/);
    assert.match(reasons[0], new RegExp(`${sessions[250][1]} × "received <\\*>" but ${sessions[250][2]} × "ack`));
  });

  it('flags a session with an event almost no session has, unless a relation ties that event to others', () => {
    // Session 40 has a stray event 5; one session in 60 has a retry (6) always followed by a re-ack (7).
    const sessions = pipelineSessions(600, 4, (counts, which) => (which === 0 ? (counts[5] = 1) : counts.push(0, 1, 1)), [40, ...Array.from({ length: 10 }, (_, k) => 60 * k + 5)]);
    const { vectors, vectorOf } = vectorsOf(sessions);
    const scoring = score(vectors, 'invariants');
    const flagged = sessions.flatMap((_, s) => (scoring.scores[vectorOf[s]] >= scoring.threshold ? [s] : []));
    assert.deepEqual(flagged, [40]);
    assert.match(describeReason(scoring.reasons(vectorOf[40])[0], (id) => `event ${id}`), /^1 × "event 5" where 99\.\d+% of sessions have none$/);
  });

  it('PCA flags a session whose counts lie off the subspace the others span, naming the events off', () => {
    const sessions = pipelineSessions(600, 5, (counts) => ((counts[1] = 6), (counts[2] = 0)), [77]);
    const { vectors, vectorOf } = vectorsOf(sessions);
    const scoring = score(vectors, 'pca');
    assert.equal(scoring.model, 'pca');
    const planted = vectorOf[77];
    assert.ok(scoring.scores[planted] > 0.5 && scoring.scores[planted] >= scoring.threshold);
    assert.equal(Math.max(...scoring.scores), scoring.scores[planted]);
    const [reason] = scoring.reasons(planted);
    assert.equal(reason.kind, 'offSubspace');
    assert.match(describe_(reason), /6 × "received <\*>" \(about [\d.]+ expected\)|0 × "ack <\*>" \(about [\d.]+ expected\)/);
  });

  it('is deterministic, and falls back to the feature model when no invariant ties events together', () => {
    const sessions = pipelineSessions(400, 9, (counts) => (counts[1] = 7), [10, 20]);
    const { vectors } = vectorsOf(sessions);
    for (const model of ['auto', 'invariants', 'pca'] as const) assert.deepEqual(score(vectors, model).scores, score(vectors, model).scores);
    const rng = createRng(1);
    const unrelated = vectorsOf(Array.from({ length: 300 }, () => [rng.nextInt(3), rng.nextInt(5), 1 + rng.nextInt(4)])).vectors;
    const fallback = score(unrelated, 'auto');
    assert.equal(fallback.model, 'iforest');
    assert.ok(fallback.scores.every((s) => s === 0.4));
  });

  it('finds the session whose common events come in an order no other session has', () => {
    // Entries are numbered; the template of entry e is e % 10 within each session's sequence below.
    const sequences = Array.from({ length: 2000 }, (_, s) => (s === 1500 ? [0, 2, 1, 3] : [0, 1, 2, 3]));
    const entryStarts = new Int32Array(sequences.length + 1);
    sequences.forEach((sequence, s) => (entryStarts[s + 1] = entryStarts[s] + sequence.length));
    const templateOfEntry = Int32Array.from(sequences.flat());
    const groups = { count: sequences.length, entryStarts, entries: Int32Array.from(templateOfEntry.keys()) } as unknown as SessionGroups;
    const counts = new TransitionCounts(4);
    counts.add(groups, (entry) => templateOfEntry[entry]);
    const presence = Float64Array.from([1, 1, 1, 1]);
    const found = Array.from({ length: groups.count }, (_, s) => counts.rarest(groups, s, (entry) => templateOfEntry[entry], presence));
    assert.deepEqual(found.flatMap((rare, s) => (rare === null ? [] : [s])), [1500]);
    const rare = found[1500] as NonNullable<(typeof found)[number]>;
    assert.equal(describe_({ kind: 'rareTransition', ...rare, totalSessions: counts.sessions }), '"open <*>" directly followed by "ack <*>", an order seen in only 1 session of 2000');
  });

  it('checks the session model option in the engine, the CLI and the settings', () => {
    assert.equal(resolveOptions().sessionModel, 'auto');
    assert.equal(resolveOptions({ sessionModel: 'pca' }).sessionModel, 'pca');
    assert.throws(() => resolveOptions({ sessionModel: 'deeplog' as SessionModelName }), (error: Error) => error instanceof RangeError && /sessionModel must be one of auto, invariants, pca/.test(error.message));
    const parsed = parseCommandLine(['detect', 'x.log', '--session-model', 'invariants']);
    assert.equal(parsed.kind === 'run' && parsed.command.options.sessionModel, 'invariants');
    assert.throws(() => parseCommandLine(['detect', 'x.log', '--session-model', 'lstm']), /--session-model must be one of/);
    const settings = parseSettings((key) => (key === 'sessionModel' ? 'lstm' : undefined));
    assert.equal(settings.settings.sessionModel, 'auto');
    assert.match(settings.problems[0], /logAnomaly\.sessionModel: expected "auto", "invariants", "pca", "isolationForest".*Using the default \("auto"\)/);
    assert.equal(parseSettings((key) => (key === 'sessionModel' ? 'isolationForest' : undefined)).settings.sessionModel, 'iforest');
  });

  it('finds a block acknowledged by fewer replicas than wrote it in an HDFS log, and says so', async () => {
    const { lines, blockIds } = hdfsLog({ blocks: 300, seed: 11 });
    const victim = blockIds[123];
    const dropped = lines.findIndex((line) => line.includes(`PacketResponder 1 for block ${victim} `));
    const text = lines.filter((_, i) => i !== dropped).join('\n') + '\n';
    const report = await analyzeLog({ log: textSource(text) });
    assert.equal(report.stats.sessionModel, 'invariants');
    const s = report.sessions.ids.indexOf(victim);
    assert.equal(report.sessions.ranks[s], 1);
    assert.equal(report.sessions.flagged[s], 1);
    assert.equal(report.stats.anomalousSessions, 1);
    const words = report.sessions.reasons[s].map((reason) => describeReason(reason, (id) => report.templates[id].text));
    assert.ok(words.some((sentence) => /2 × "PacketResponder <NUM> for block <BLK> terminating"/.test(sentence)), words.join('\n'));
  });

  it('leaves logs without sessions as they were, whichever session model is asked for', async () => {
    const rng = createRng(4);
    const text = Array.from({ length: 400 }, (_, i) => `2024-01-01 10:00:${String(i % 60).padStart(2, '0')} INFO worker ${rng.nextInt(5)} finished job in ${rng.nextInt(90)} ms\n`).join('') + '2024-01-01 10:07:00 ERROR disk full on /data\n';
    const byModel = await Promise.all((['auto', 'invariants', 'pca', 'iforest'] as const).map((sessionModel) => analyzeLog({ log: textSource(text) }, { sessionModel })));
    for (const report of byModel) {
      assert.equal(report.sessions.count, 0);
      assert.equal(report.stats.sessionModel, null);
      assert.deepEqual(report.vectors.scores, byModel[0].vectors.scores);
      assert.deepEqual(report.anomalies, byModel[0].anomalies);
    }
  });
});
