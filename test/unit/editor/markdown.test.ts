import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { codeBlock, escapeMarkdown } from '../../../src/editor/text/markdown';

// A CommonMark renderer with raw HTML enabled: stricter than VS Code's hovers, which drop HTML anyway.
interface MarkdownRenderer {
  render(source: string): string;
}
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: { html: boolean; linkify: boolean }) => MarkdownRenderer;
const markdown = new MarkdownIt({ html: true, linkify: false });

/** The rendered HTML's text, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned=1</script>',
  '[click](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
  '**bold** _em_ ~~gone~~',
  '`code` ``double``',
  '$(alert) $(codicon)',
  '# heading',
  '> quote',
  '1. list',
  '- item | table | cell',
  '&lt;already escaped&gt; &amp;',
  'https://example.com/autolink <https://example.com>',
  '\\ backslash \\* star',
  '![image](https://example.com/x.png)',
];

describe('escapeMarkdown', () => {
  for (const text of HOSTILE) {
    it(`shows ${JSON.stringify(text)} as exactly that text`, () => {
      const html = markdown.render(escapeMarkdown(text));
      assert.doesNotMatch(html, /<(img|script|a|strong|em|s|code|h1|blockquote|ol|ul|table)\b/);
      assert.equal(textOf(html), text);
    });
  }

  it('keeps a line on one paragraph line', () => {
    assert.equal(escapeMarkdown('a\nb\r\nc'), 'a b c');
  });
});

describe('codeBlock', () => {
  for (const text of [...HOSTILE, 'ends with ```', 'has ```` four and ``` three']) {
    it(`shows ${JSON.stringify(text)} verbatim in a code block`, () => {
      const html = markdown.render(codeBlock(text));
      assert.match(html, /^<pre><code class="language-log">/);
      assert.equal(textOf(html), text);
    });
  }
});
