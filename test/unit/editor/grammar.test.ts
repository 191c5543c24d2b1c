// The injection grammar, checked without VS Code: its regular expressions are run the way a
// TextMate tokenizer runs match rules (at each position the earliest match wins, the first rule on
// a tie; captures get their own scopes). Everything in it must also compile as a JS RegExp, which
// keeps it to the syntax Oniguruma and JavaScript share.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Rule {
  match?: string;
  name?: string;
  captures?: Record<string, { name?: string; patterns?: Array<{ include: string }> }>;
  patterns?: Array<Rule | { include: string }>;
  include?: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Array<{ include: string }>;
  repository: Record<string, Rule>;
}

const root = path.resolve(__dirname, '../../..');
const grammarFile = path.join(root, 'syntaxes', 'log-anomaly.injection.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(grammarFile, 'utf8')) as Grammar;

/** The match rules an include list expands to, in order. */
function flatten(patterns: ReadonlyArray<Rule | { include: string }>): Rule[] {
  return patterns.flatMap((pattern) => {
    if ('include' in pattern && pattern.include) {
      const rule = grammar.repository[pattern.include.replace(/^#/, '')];
      assert.ok(rule, `unknown include ${pattern.include}`);
      return rule.match ? [rule] : flatten(rule.patterns ?? []);
    }
    const rule = pattern as Rule;
    return rule.match ? [rule] : flatten(rule.patterns ?? []);
  });
}

const rules = flatten(grammar.patterns).map((rule) => ({ rule, regex: new RegExp(rule.match!, 'dg') }));

/** Tokens with a scope: [text, scope]. */
function tokenize(line: string, within: typeof rules = rules): Array<[string, string]> {
  const tokens: Array<[string, string]> = [];
  let position = 0;
  while (position < line.length) {
    let best: { rule: Rule; match: RegExpExecArray } | undefined;
    for (const { rule, regex } of within) {
      regex.lastIndex = position;
      const match = regex.exec(line);
      if (match && match[0].length > 0 && (best === undefined || match.index < best.match.index)) best = { rule, match };
    }
    if (best === undefined) break;
    const { rule, match } = best;
    if (rule.name) tokens.push([match[0], rule.name]);
    for (const [group, capture] of Object.entries(rule.captures ?? {})) {
      const text = match[Number(group)];
      if (text === undefined) continue;
      if (capture.name) tokens.push([text, capture.name]);
      if (capture.patterns) tokens.push(...tokenize(text, flatten(capture.patterns).map((r) => ({ rule: r, regex: new RegExp(r.match!, 'dg') }))));
    }
    position = match.index + match[0].length;
  }
  return tokens;
}

function scopeOf(line: string, text: string): string | undefined {
  return tokenize(line).find(([token]) => token === text)?.[1];
}

describe('log highlighting grammar', () => {
  it('injects into the built-in log grammar and is contributed for it', () => {
    assert.match(grammar.injectionSelector, /^L:text\.log\b/);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const contributed = manifest.contributes.grammars.find((entry: { scopeName: string }) => entry.scopeName === grammar.scopeName);
    assert.deepEqual(contributed.injectTo, ['text.log']);
    assert.equal(path.resolve(root, contributed.path), grammarFile);
    assert.equal(contributed.language, undefined, 'an injection must not claim the log language');
  });

  it('scopes the parts of an HDFS line', () => {
    const line = '081109 203615 148 INFO dfs.DataNode$PacketResponder: Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6:50010';
    assert.equal(scopeOf(line, '081109 203615'), 'comment.log.date.log-anomaly');
    assert.equal(scopeOf(line, 'INFO'), 'markup.inserted.log.info.log-anomaly');
    assert.equal(scopeOf(line, 'dfs.DataNode$PacketResponder'), 'entity.name.type.component.log-anomaly');
    assert.equal(scopeOf(line, 'blk_-1608999687919862906'), 'variable.other.constant.block-id.log-anomaly');
    assert.equal(scopeOf(line, '10.250.10.6:50010'), 'constant.numeric.ip.log-anomaly');
  });

  it('scopes Hadoop, Spark, syslog, Apache and BGL lines', () => {
    const hadoop = '2015-10-18 18:01:47,978 WARN [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001';
    assert.equal(scopeOf(hadoop, 'WARN'), 'markup.deleted.log.warning.log-anomaly');
    assert.equal(scopeOf(hadoop, '[main]'), 'entity.name.tag.thread.log-anomaly');
    assert.equal(scopeOf(hadoop, 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster'), 'entity.name.type.component.log-anomaly');
    assert.equal(scopeOf(hadoop, 'appattempt_1445144423722_0020_000001'), 'variable.other.constant.job-id.log-anomaly');

    const spark = '17/06/09 20:10:40 ERROR executor.CoarseGrainedExecutorBackend: RECEIVED SIGNAL 15: SIGTERM';
    assert.equal(scopeOf(spark, '17/06/09 20:10:40'), 'comment.log.date.log-anomaly');
    assert.equal(scopeOf(spark, 'ERROR'), 'string.regexp.strong.log.error.log-anomaly');
    assert.equal(scopeOf(spark, 'executor.CoarseGrainedExecutorBackend'), 'entity.name.type.component.log-anomaly');

    const syslog = 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186';
    assert.equal(scopeOf(syslog, 'Dec 10 06:55:46'), 'comment.log.date.log-anomaly');
    assert.equal(scopeOf(syslog, 'LabSZ'), 'entity.name.tag.host.log-anomaly');
    assert.equal(scopeOf(syslog, 'sshd'), 'entity.name.type.component.log-anomaly');
    assert.equal(scopeOf(syslog, '173.234.31.186'), 'constant.numeric.ip.log-anomaly');

    const apache = '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6';
    assert.equal(scopeOf(apache, '[Sun Dec 04 04:47:44 2005]'), 'comment.log.date.log-anomaly');
    assert.equal(scopeOf(apache, 'error'), 'string.regexp.strong.log.error.log-anomaly');

    const bgl = '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL SEVERE instruction cache parity error corrected';
    assert.equal(scopeOf(bgl, '1117838570'), 'comment.log.date.log-anomaly');
    assert.equal(scopeOf(bgl, '2005-06-03-15.42.50.675872'), 'comment.log.date.log-anomaly');
    assert.equal(scopeOf(bgl, 'SEVERE'), 'string.regexp.strong.log.error.log-anomaly');
  });

  it('leaves what is not an id, an address or a level alone', () => {
    assert.deepEqual(tokenize('version 1.2.3 of the block_size setting; 999.1.1.1 is not an address'), []);
    assert.deepEqual(tokenize('information about warnings and errors'), []);
  });
});
