// Search normalisation: what a user types finds what the page printed, whatever the quotes and hyphens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/domain/parse-page';
import { cardSearchText, leadingSentences, normalizeForSearch, truncateAtWord } from '../../src/domain/text';
import { SOURCE_PAGE_TEXT } from '../support/deck';

const { cards } = parsePage(SOURCE_PAGE_TEXT, { deckId: 'amazon-engineer' });

describe('normalizeForSearch', () => {
  it('treats a non-breaking hyphen like a hyphen: cost‑efficient = cost-efficient', () => {
    expect(normalizeForSearch('cost\u2011efficient')).toBe('cost-efficient');
    expect(normalizeForSearch('Cost\u2011Efficient')).toBe(normalizeForSearch('cost-efficient'));
  });

  it('maps every dash and minus to a hyphen', () => {
    for (const dash of ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']) {
      expect(normalizeForSearch(`a${dash}b`), `U+${dash.codePointAt(0)?.toString(16)}`).toBe('a-b');
    }
  });

  it('maps curly and other quotes to plain ones', () => {
    expect(normalizeForSearch('“Quoted” ‘single’ don’t „low‟ ′prime″')).toBe(
      `"quoted" 'single' don't "low" 'prime"`,
    );
  });

  it('lowercases, strips accents and collapses whitespace', () => {
    expect(normalizeForSearch('  Café  Zürich\t\n naïve\u00A0RÉSUMÉ  ')).toBe('cafe zurich naive resume');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
      }),
    );
  });
});

describe('cardSearchText', () => {
  const c21 = cards.find((c) => c.number === '2.1');
  if (!c21) throw new Error('no card 2.1');

  it('finds a question by a plain-typed word the page prints with a non-breaking hyphen', () => {
    expect(c21.question).toContain('cost\u2011efficient');
    expect(cardSearchText(c21)).toContain(normalizeForSearch('Cost-efficient'));
  });

  it('covers the context, key points, pitfalls and example answer', () => {
    const text = cardSearchText(c21);
    expect(text).toContain('gdpr/latency'); // a key point
    expect(text).toContain('assuming unlimited budget'); // a pitfall
    expect(text).toContain('fargate spot'); // the example answer
    expect(text).toContain('eu / uk deployment'); // the context
  });

  it('includes tags', () => {
    expect(cardSearchText({ ...c21, tags: ['Kinesis‑Deep‑Dive'] })).toContain('kinesis-deep-dive');
  });
});

describe('truncation for titles and descriptions', () => {
  it('cuts at a word and marks the cut', () => {
    expect(truncateAtWord('Design a highly available service', 20)).toBe('Design a highly…');
    expect(truncateAtWord('short', 20)).toBe('short');
  });

  it('keeps whole sentences that fit, and at least part of the first', () => {
    expect(leadingSentences('One two. Three four. Five six.', 20)).toBe('One two. Three four.');
    expect(leadingSentences('Use e.g. CloudWatch here. Then stop.', 30)).toBe('Use e.g. CloudWatch here.');
    expect(leadingSentences('A very long first sentence that goes on.', 20)).toBe('A very long first…');
  });
});
