/**
 * Building DOM without markup: text only ever goes in through `textContent`, so log lines such as
 * `<img src=x onerror=...>` show as text and run nothing. Nothing in the webview uses innerHTML.
 */

export interface ElementProps {
  readonly className?: string;
  readonly text?: string;
  readonly id?: string;
  /** Attributes set with setAttribute (roles, ARIA, tabindex...). */
  readonly attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: readonly (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className !== undefined) element.className = props.className;
  if (props.id !== undefined) element.id = props.id;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.attrs !== undefined) for (const [name, value] of Object.entries(props.attrs)) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

/** The class that colours a line by its level: `level-error`, `level-none` for a line without one. */
export function levelClass(level: string): string {
  return `level-${level === '' ? 'none' : level.toLowerCase()}`;
}
