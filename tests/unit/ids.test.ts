import { describe, expect, it } from 'vitest';
import { newId } from '../../src/storage/ids';

describe('newId', () => {
  it('encodes 128 bits as 22 url-safe characters, distinct bytes giving distinct ids', () => {
    const zeros = newId((b) => b.fill(0));
    const ones = newId((b) => b.fill(255));
    expect(zeros).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(ones).toBe('_____________________w');
    const lastBit = newId((b) => {
      b.fill(0);
      b[15] = 1;
    });
    expect(lastBit).not.toBe(zeros);
  });

  it('draws from the crypto source by default: no two of 10,000 ids collide', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    expect(ids.size).toBe(10_000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
