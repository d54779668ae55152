import { describe, expect, it } from 'vitest';
import { PhotoCache } from './photo-cache';

describe('PhotoCache', () => {
  it('returns photos by user and version', () => {
    const cache = new PhotoCache();
    cache.set('u1', 'v1', 'data:a');

    expect(cache.get('u1', 'v1')).toBe('data:a');
    expect(cache.get('u1', 'v2')).toBeUndefined();
    expect(cache.get('u2', 'v1')).toBeUndefined();
  });

  it('evicts the least recently used entry', () => {
    const cache = new PhotoCache({ maxEntries: 2 });
    cache.set('u1', 'v', 'data:1');
    cache.set('u2', 'v', 'data:2');
    cache.get('u1', 'v');
    cache.set('u3', 'v', 'data:3');

    expect(cache.get('u1', 'v')).toBe('data:1');
    expect(cache.get('u2', 'v')).toBeUndefined();
    expect(cache.get('u3', 'v')).toBe('data:3');
    expect(cache.size).toBe(2);
  });

  it('bounds the total size', () => {
    const cache = new PhotoCache({ maxCharacters: 10 });
    cache.set('u1', 'v', '12345');
    cache.set('u2', 'v', '12345');
    cache.set('u3', 'v', '123');

    expect(cache.get('u1', 'v')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('skips a photo larger than the whole cache', () => {
    const cache = new PhotoCache({ maxCharacters: 4 });
    cache.set('u1', 'v', '12345');

    expect(cache.size).toBe(0);
  });

  it('keeps ids with separators apart', () => {
    const cache = new PhotoCache();
    cache.set('a:b', 'c', 'data:1');

    expect(cache.get('a', 'b:c')).toBeUndefined();
  });
});
