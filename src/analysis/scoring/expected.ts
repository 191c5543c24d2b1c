/**
 * Templates the user marked as expected ("Mark this pattern as expected"). A template still
 * matches after mining generalised it further: positions that are a variable on either side
 * match anything.
 */

const VARIABLE = /^<[A-Z*][A-Z0-9*_]*>$/;

export function matchesExpectedTemplate(template: string, expected: readonly string[]): boolean {
  if (expected.length === 0) return false;
  const tokens = template.split(' ');
  return expected.some((pattern) => {
    if (pattern === template) return true;
    const wanted = pattern.split(' ');
    return wanted.length === tokens.length && wanted.every((token, i) => token === tokens[i] || VARIABLE.test(token) || VARIABLE.test(tokens[i]));
  });
}
