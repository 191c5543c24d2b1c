export { MASK, TokenKind } from './masks';
export { Masker, maskMessage } from './masker';
export { KEY_SEPARATOR } from './maskedMessage';
