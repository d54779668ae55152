import type { Locale } from '../db/schema';

/**
 * Picks German or English from an Accept-Language header by quality value,
 * or returns `fallback` when the header names neither.
 */
export function pickLanguage(
  header: string | undefined,
  fallback: Locale,
): Locale {
  if (!header) return fallback;

  const ranges = header
    .split(',')
    .map((part, index) => {
      const [range = '', ...parameters] = part.trim().split(';');
      const quality = parameters
        .map((parameter) => parameter.trim().match(/^q=([0-9.]+)$/))
        .find((match) => match)?.[1];

      return {
        language: range.trim().toLowerCase().split('-')[0],
        quality: quality === undefined ? 1 : Number(quality),
        index,
      };
    })
    .filter((range) => range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const { language } of ranges) {
    if (language === 'de' || language === 'en') return language;
  }

  return fallback;
}
