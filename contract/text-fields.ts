import { MAX_DISPLAY_NAME_LENGTH, MAX_STATUS_MESSAGE_LENGTH } from './limits';

/**
 * Checks of display names and status messages, shared by the service, which
 * enforces them, and the renderer, which shows what is wrong as the person
 * saves. Both pass the trimmed text.
 */

export type TextFieldProblem =
  'missing' | 'tooLong' | 'control' | 'format' | 'invisible';

/** Control characters, and line and paragraph separators. */
const controlCharacter = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/**
 * Format characters, such as the bidi controls that reorder text and the
 * zero-width space. The zero-width non-joiner and joiner (U+200C, U+200D)
 * are allowed, because emoji sequences and some scripts need them.
 */
const formatCharacter = /(?![\u200c\u200d])\p{Cf}/u;

/**
 * A character that is visible by itself: neither white space, nor ignorable,
 * nor a blank braille cell, nor a mark such as an accent without its letter.
 */
const visibleCharacter =
  /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800\p{M}]/u;

/** Length as the service counts it, in code points rather than UTF-16 units. */
export function textLength(text: string): number {
  return [...text].length;
}

function characterProblem(text: string): TextFieldProblem | null {
  if (controlCharacter.test(text)) return 'control';
  if (formatCharacter.test(text)) return 'format';
  return null;
}

export function displayNameProblem(name: string): TextFieldProblem | null {
  if (name === '') return 'missing';
  if (textLength(name) > MAX_DISPLAY_NAME_LENGTH) return 'tooLong';

  const problem = characterProblem(name);
  if (problem) return problem;
  if (!visibleCharacter.test(name)) return 'invisible';
  return null;
}

export function statusMessageProblem(message: string): TextFieldProblem | null {
  if (textLength(message) > MAX_STATUS_MESSAGE_LENGTH) return 'tooLong';

  return characterProblem(message);
}
