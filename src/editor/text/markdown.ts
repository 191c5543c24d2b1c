/**
 * Markdown built from log text. Everything that comes from a log (lines, templates, session ids,
 * reasons quoting them) is escaped so that Markdown, HTML, command links and `$(icon)` syntax in
 * it show as the characters they are. Pure, so the escaping is unit-tested.
 */

/**
 * Escapes text for a Markdown paragraph: every ASCII punctuation character gets a backslash
 * (CommonMark shows an escaped punctuation character literally, and an escaped `<` can never
 * start an HTML tag or an autolink), and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * A fenced code block showing `text` verbatim: the fence is longer than any run of backticks in
 * the text, so the text cannot close it. Code blocks never interpret HTML or Markdown.
 */
export function codeBlock(text: string, language = 'log'): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text.replace(/\r?\n/g, ' ')}\n${fence}`;
}
