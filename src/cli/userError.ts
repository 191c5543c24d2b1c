/** A problem with the user's input or options: printed as its one-sentence message, exit code 2. */
export class UserError extends Error {}

/** Ends a message with a full stop unless it has one. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
