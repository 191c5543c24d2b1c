export { MASK, TokenKind } from './masks';
export { Masker, maskMessage } from './masker';
