// Counts, plurals and sizes read the same on every screen; dates follow the device's language.

import { describe, expect, it } from 'vitest';
import { bytes, dateTime, shortDay, timeOfDay } from '../../src/components/format';
import { count, number, pluralWord } from '../../src/domain';

describe('count', () => {
  it('says one thing in the singular and any other number in the plural', () => {
    expect(count(1, 'card')).toBe('1 card');
    expect(count(0, 'card')).toBe('0 cards');
    expect(count(2, 'review')).toBe('2 reviews');
  });

  it('groups thousands the same way on every device', () => {
    expect(number(10_000)).toBe('10,000');
    expect(count(1_200, 'card')).toBe('1,200 cards');
  });

  it('takes an irregular plural', () => {
    expect(count(1, 'learning card comes', 'learning cards come')).toBe('1 learning card comes');
    expect(count(3, 'learning card comes', 'learning cards come')).toBe('3 learning cards come');
  });
});

describe('pluralWord', () => {
  it('picks the word that agrees with the number', () => {
    expect(pluralWord(1, 'is', 'are')).toBe('is');
    expect(pluralWord(2, 'is', 'are')).toBe('are');
    expect(pluralWord(0, 'problem')).toBe('problems');
  });
});

describe('dates', () => {
  const moment = new Date(2026, 2, 12, 14, 5).getTime();

  it('shows a date with its time as the device writes it', () => {
    expect(dateTime(moment)).toBe(
      new Date(moment).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    );
    expect(dateTime(moment)).toMatch(/2026/);
  });

  it('shows a time of day and a short day', () => {
    expect(timeOfDay(moment)).toMatch(/14|2/);
    expect(timeOfDay(moment)).toMatch(/05/);
    expect(shortDay(moment)).toMatch(/12/);
  });
});

describe('bytes', () => {
  it('uses the largest unit that keeps a number above one', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toBe('1.5 KB');
    expect(bytes(20 * 1024 ** 2)).toBe('20.0 MB');
    expect(bytes(3 * 1024 ** 3)).toBe('3.0 GB');
  });
});
