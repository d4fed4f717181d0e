// The union rules backup merge and sync share: the later clock wins, the loser is handed back, reviews unite by id.
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '../../src/domain/card';
import { hlcFromTime, nextHlc, OLDEST_HLC } from '../../src/domain/hlc';
import { derivedHlc, lastWriterWins, newerCard, sameRecord, uniteById } from '../../src/domain/union';
import { DAY, MID_JANUARY_UTC as NOW } from '../support/clock';
import { builtInCard } from '../support/deck';

function card(question: string, createdAt: number, updatedAt: number): CardRecord {
  return { ...builtInCard('1.1'), question, suspended: false, retired: false, createdAt, updatedAt };
}

describe('lastWriterWins', () => {
  const older = { hlc: nextHlc(null, NOW, 'phone'), value: { id: 'x', text: 'older' } };
  const newer = { hlc: nextHlc(null, NOW + 1, 'laptop'), value: { id: 'x', text: 'newer' } };

  it('keeps the copy with the later clock, either side, and returns the other as lost', () => {
    expect(lastWriterWins(older, newer)).toEqual({ winner: 'remote', kept: newer, lost: older.value });
    expect(lastWriterWins(newer, older)).toEqual({ winner: 'local', kept: newer, lost: older.value });
  });

  it('breaks a tie of the same millisecond by device id', () => {
    const a = { hlc: nextHlc(null, NOW, 'a'), value: { v: 1 } };
    const b = { hlc: nextHlc(null, NOW, 'b'), value: { v: 2 } };
    expect(lastWriterWins(a, b).kept).toBe(b);
    expect(lastWriterWins(b, a).kept).toBe(b);
  });

  it('lets the caller choose who keeps an exactly equal clock', () => {
    const local = { hlc: OLDEST_HLC, value: { v: 1 } };
    const remote = { hlc: OLDEST_HLC, value: { v: 2 } };
    expect(lastWriterWins(local, remote).winner).toBe('local');
    expect(lastWriterWins(local, remote, 'remote').winner).toBe('remote');
  });

  it('lets a newer deletion win over an edit, and loses nothing to history when the copies are the same', () => {
    const tombstone = { hlc: newer.hlc, value: null };
    expect(lastWriterWins(older, tombstone)).toEqual({ winner: 'remote', kept: tombstone, lost: null });
    expect(lastWriterWins(older, { ...older, hlc: newer.hlc }).lost).toBeNull();
  });
});

describe('derivedHlc', () => {
  it('makes a card never edited since it was added the oldest, so an edit elsewhere wins over a later install', () => {
    const installedLater = card('as shipped', NOW + 5 * DAY, NOW + 5 * DAY);
    const editedEarlier = card('edited', NOW - DAY, NOW);
    expect(derivedHlc('card', installedLater)).toBe(OLDEST_HLC);
    expect(newerCard(installedLater, editedEarlier).kept.value).toBe(editedEarlier);
    expect(newerCard(editedEarlier, installedLater).kept.value).toBe(editedEarlier);
  });

  it('uses the time of the last edit otherwise, and the review time for reviews', () => {
    expect(derivedHlc('card', card('q', NOW - DAY, NOW))).toBe(hlcFromTime(NOW));
    expect(derivedHlc('review', { reviewedAt: NOW })).toBe(hlcFromTime(NOW));
    expect(derivedHlc('interview', { createdAt: NOW - DAY, updatedAt: NOW })).toBe(hlcFromTime(NOW));
    expect(derivedHlc('interview', { createdAt: NOW - DAY })).toBe(hlcFromTime(NOW - DAY));
    expect(derivedHlc('deck', { id: 'd' })).toBe(OLDEST_HLC);
  });
});

describe('uniteById', () => {
  it('holds every id once, local copy first, and leaves out ids tombstoned here', () => {
    const { united, added } = uniteById(
      [
        { id: 'a', from: 'local' },
        { id: 'b', from: 'local' },
      ],
      [
        { id: 'b', from: 'remote' },
        { id: 'c', from: 'remote' },
        { id: 'd', from: 'remote' },
      ],
      new Set(['d']),
    );
    expect([...united.values()]).toEqual([
      { id: 'a', from: 'local' },
      { id: 'b', from: 'local' },
      { id: 'c', from: 'remote' },
    ]);
    expect(added).toBe(1);
  });
});

describe('sameRecord', () => {
  it('ignores the order of keys', () => {
    expect(sameRecord({ a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameRecord({ a: 1 }, { a: 2 })).toBe(false);
  });
});
