import { URL_SCHEME } from '../contract/setup-link';

/**
 * Quotes and angle brackets that mail clients and chat apps put around a
 * link. None of them can be part of a setup or reset link.
 */
const delimiterPattern = /["'<>\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]/;

/** Sentence punctuation that can follow a link but never ends one. */
const trailingPunctuation = new Set(['.', ',', ';', ':', '!', '?', '\u2026']);

const bracketPairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The start of an https, http or app link, not in the middle of a word. */
const linkStartPattern = new RegExp(
  `(?<![A-Za-z0-9+.-])(?:https?|${URL_SCHEME}):`,
  'i',
);

/** Reply-quote markers (`> `, `>> `) at the start of a line. */
const quoteMarkerPattern = /^\s*(?:>\s*)+/;

interface Word {
  text: string;
  /** True for the first word of a line that follows a non-blank line. */
  continuesLine: boolean;
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let previousLineBlank = true;

  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(quoteMarkerPattern, '');
    const lineWords = line.split(/\s+/).filter((word) => word !== '');
    lineWords.forEach((word, index) => {
      words.push({
        text: word,
        continuesLine: index === 0 && !previousLineBlank,
      });
    });
    previousLineBlank = lineWords.length === 0;
  }
  return words;
}

/** Cuts `text` at the first quote or angle bracket. `ended` is true when it had one. */
function cutAtDelimiter(text: string): { text: string; ended: boolean } {
  const index = text.search(delimiterPattern);
  return index < 0
    ? { text, ended: false }
    : { text: text.slice(0, index), ended: true };
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/**
 * Removes sentence punctuation and unbalanced closing brackets from the end
 * of a link, as in `(https://…/setup/<token>).`.
 */
export function stripTrailingPunctuation(text: string): string {
  let end = text.length;
  for (;;) {
    const last = text[end - 1];
    const opening = last === undefined ? undefined : bracketPairs[last];
    const candidate = text.slice(0, end);
    if (last !== undefined && trailingPunctuation.has(last)) {
      end -= 1;
    } else if (
      opening !== undefined &&
      count(candidate, last!) > count(candidate, opening)
    ) {
      end -= 1;
    } else {
      return candidate;
    }
  }
}

/**
 * Reads the link that starts in `words[index]` at `start`. While `isComplete`
 * returns false, the link continues on the next line, as a mail client wraps
 * it, or after a space inside angle brackets. It never continues into a word
 * that starts another link.
 */
function readLink(
  words: Word[],
  index: number,
  start: number,
  isComplete: (link: string) => boolean,
): { link: string; nextIndex: number } {
  const first = words[index]!.text;
  const inBrackets = first[start - 1] === '<';
  let piece = cutAtDelimiter(first.slice(start));
  let link = piece.text;
  let next = index + 1;

  while (!piece.ended && next < words.length) {
    const word = words[next]!;
    if (linkStartPattern.test(word.text)) {
      break;
    }
    const continues = inBrackets || word.continuesLine;
    if (!continues || isComplete(stripTrailingPunctuation(link))) {
      break;
    }
    piece = cutAtDelimiter(word.text);
    link += piece.text;
    next += 1;
  }
  return { link: stripTrailingPunctuation(link), nextIndex: next };
}

/**
 * Finds every https, http or app link in pasted text, such as the whole
 * line or paragraph of an email around a setup link. Reply-quote markers at
 * the start of lines are removed, and a link wrapped across lines is joined.
 * `isComplete` returns whether a link needs no more text from the next line.
 */
export function findLinks(
  text: string,
  isComplete: (link: string) => boolean,
): string[] {
  const words = splitWords(text);
  const links: string[] = [];

  let index = 0;
  while (index < words.length) {
    const word = words[index]!.text;
    const match = linkStartPattern.exec(word);
    if (!match) {
      index += 1;
      continue;
    }
    const found = readLink(words, index, match.index, isComplete);
    links.push(found.link);
    index = found.nextIndex;
  }
  return links;
}
