import assert from 'node:assert/strict';
import { type AnalysisReport, analyzeLog, rankedLines, textSource } from '../../../src/analysis';
import { Grade, gradeOf, lineGrade, lineMarks, lowerBound, markedVectors, withExpectedTemplates } from '../../../src/editor/state/marks';
import { groupRankedLines } from '../../../src/editor/sidebar/grouping';
import { generateHdfsLogText } from '../../../scripts/hdfs-generator';

/** Lines (0-based) scoring at least `cutoff`, found the slow way: one check per line. */
function linesAtLeast(report: AnalysisReport, cutoff: number, skipTemplate = -1): number[] {
  const lines: number[] = [];
  for (let line = 0; line < report.lines.count; line++) {
    const v = report.lines.vectorIds[line];
    if (v >= 0 && report.vectors.scores[v] >= cutoff && report.vectors.templateIds[v] !== skipTemplate) lines.push(line);
  }
  return lines;
}

describe('marks', () => {
  let report: AnalysisReport;
  before(async () => {
    const { text } = generateHdfsLogText({ lines: 4000, seed: 11, anomalyRate: 0.05 });
    report = await analyzeLog({ log: textSource(text) }, { seed: 3 });
  });

  it('marks exactly the lines at or above the threshold, in file order', () => {
    const marked = markedVectors(report, report.threshold, 0);
    const { lines } = lineMarks(report, marked);
    const expected = linesAtLeast(report, report.threshold);
    assert.ok(expected.length > 0, 'the generated log has anomalies');
    assert.deepEqual(Array.from(lines), expected);
    assert.equal(marked.lineCount, expected.length);
    assert.equal(marked.gradeLines[0] + marked.gradeLines[1] + marked.gradeLines[2], expected.length);
  });

  it('gives the same lines through the per-line pass used when many lines are marked', () => {
    // A low threshold marks most lines, which takes the other path through lineMarks.
    const marked = markedVectors(report, 0, 0);
    assert.ok(marked.lineCount * 8 >= report.lines.count);
    assert.deepEqual(Array.from(lineMarks(report, marked).lines), linesAtLeast(report, 0));
  });

  it('applies the minimum score when it is above the threshold', () => {
    const scores = Array.from(report.vectors.scores).filter((score) => score >= report.threshold).sort((a, b) => a - b);
    const minimum = scores[Math.floor(scores.length / 2)];
    const marked = markedVectors(report, report.threshold, minimum);
    assert.equal(marked.cutoffs.mark, minimum);
    assert.deepEqual(Array.from(lineMarks(report, marked).lines), linesAtLeast(report, minimum));
  });

  it('grades by thirds of the marked score range, the top score critical', () => {
    const marked = markedVectors(report, report.threshold, 0);
    const { cutoffs } = marked;
    assert.ok(cutoffs.mark < cutoffs.high && cutoffs.high < cutoffs.critical);
    const top = Math.max(...Array.from(report.vectors.scores));
    assert.equal(gradeOf(top, cutoffs), Grade.critical);
    assert.equal(gradeOf(cutoffs.mark, cutoffs), Grade.anomaly);
    const { lines, grades } = lineMarks(report, marked);
    lines.forEach((line, i) => assert.equal(lineGrade(report, marked, line), grades[i]));
    assert.equal(lineGrade(report, marked, linesAtLeast(report, 0).find((line) => !lines.includes(line)) ?? -1), -1);
  });

  it('leaves out the lines of templates marked as expected', () => {
    const top = report.anomalies[0];
    const template = report.vectors.templateIds[report.lines.vectorIds[top]];
    const filtered = withExpectedTemplates(report, [report.templates[template].text]);
    assert.notEqual(filtered, report);
    assert.equal(filtered.lines, report.lines, 'per-line arrays are shared, not copied');
    const { lines } = lineMarks(filtered, markedVectors(filtered, filtered.threshold, 0));
    assert.deepEqual(Array.from(lines), linesAtLeast(report, report.threshold, template));
    assert.equal(withExpectedTemplates(filtered, [report.templates[template].text]), filtered, 'nothing changes, same object');
    assert.equal(withExpectedTemplates(filtered, []).templates[template].expected, false);
  });

  it('finds ranges of marked lines by binary search', () => {
    const lines = Int32Array.from([3, 8, 8, 20]);
    assert.deepEqual([0, 3, 4, 8, 9, 20, 21].map((line) => lowerBound(lines, line)), [0, 0, 1, 1, 3, 3, 4]);
  });

  it('groups ranked lines by session, groups in the order of their best line', () => {
    const ranked = rankedLines(report.vectors, report.threshold, new Set());
    const groups = groupRankedLines(ranked, (line) => report.lines.sessionIds[line]);
    assert.equal(groups.reduce((sum, group) => sum + group.lines.length, 0), ranked.length);
    assert.equal(groups[0].lines[0], ranked[0]);
    for (const group of groups) for (const line of group.lines) assert.equal(report.lines.sessionIds[line], group.key);
    const firstIndex = groups.map((group) => ranked.indexOf(group.lines[0]));
    assert.deepEqual(firstIndex, [...firstIndex].sort((a, b) => a - b));
  });
});
