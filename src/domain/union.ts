// The union rules of two devices' data, one home for backup merge and sync: reviews by id, the rest last writer wins.
import type { CardRecord, Review } from './card';
import { compareHlc, hlcFromTime, OLDEST_HLC } from './hlc';
import type { Interview } from './interview';
import type { Hlc, SyncedType } from './sync';

/** One side's copy of a record: its clock and its value (null: deleted, a tombstone). */
export interface Versioned<T> {
  hlc: Hlc;
  value: T | null;
}

/**
 * A version of a card that lost to a newer one made on another device: kept for the card's
 * history ("changed on another device"), never silently dropped.
 */
export interface LostCardVersion {
  /** `<cardId>@<hlc>`: the same lost version recorded twice is one row. */
  id: string;
  cardId: string;
  card: CardRecord;
  /** The clock of the lost version. */
  hlc: Hlc;
  /** When this device replaced it. */
  lostAt: number;
}

export type Side = 'local' | 'remote';

export interface Decision<T> {
  winner: Side;
  kept: Versioned<T>;
  /** The other side's value when it differs from the kept one and both exist: what the caller keeps in history. */
  lost: T | null;
}

/**
 * Last writer wins: the copy with the later clock. Clocks carry the device id, so two real
 * changes never tie; equal clocks are the same change, or two clocks derived from the same time
 * (`onTie` decides: a backup merge keeps local, sync takes the server's copy so devices agree).
 */
export function lastWriterWins<T>(
  local: Versioned<T>,
  remote: Versioned<T>,
  onTie: Side = 'local',
): Decision<T> {
  const order = compareHlc(local.hlc, remote.hlc);
  const winner: Side = order > 0 ? 'local' : order < 0 ? 'remote' : onTie;
  const [kept, other] = winner === 'local' ? [local, remote] : [remote, local];
  const lost =
    kept.value !== null && other.value !== null && !sameRecord(kept.value, other.value) ? other.value : null;
  return { winner, kept, lost };
}

/** Whether two records hold the same fields and values, whatever the order of their keys. */
export function sameRecord(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

/**
 * The clock of a record that has none (written before sync, or read from a backup), from its own
 * time fields. A card never edited since it was added (a built-in card as shipped) is the oldest,
 * so a device that installs the deck later never overwrites an edit made earlier elsewhere; decks
 * and settings carry no time, so they too are the oldest.
 */
export function derivedHlc(type: SyncedType, value: unknown): Hlc {
  switch (type) {
    case 'card': {
      const card = value as CardRecord;
      return card.updatedAt === card.createdAt ? OLDEST_HLC : hlcFromTime(card.updatedAt);
    }
    case 'review':
      return hlcFromTime((value as Review).reviewedAt);
    case 'interview': {
      const interview = value as Interview;
      return hlcFromTime(interview.updatedAt ?? interview.createdAt);
    }
    default:
      return OLDEST_HLC;
  }
}

/**
 * Records united by id (reviews, decks: they never change once written, so either copy will do):
 * every id of both sides once, local's copy where both have it, and none whose id is in `gone`
 * (tombstoned on this side). Returns the union and how many ids `incoming` added.
 */
export function uniteById<T extends { id: string }>(
  local: readonly T[],
  incoming: readonly T[],
  gone: ReadonlySet<string> = new Set(),
): { united: Map<string, T>; added: number } {
  const united = new Map<string, T>();
  for (const r of local) if (!gone.has(r.id)) united.set(r.id, r);
  let added = 0;
  for (const r of incoming) {
    if (united.has(r.id) || gone.has(r.id)) continue;
    united.set(r.id, r);
    added++;
  }
  return { united, added };
}

/** The kept copy of a card both sides hold, backups having no clocks: derived from its times. */
export function newerCard(local: CardRecord, incoming: CardRecord): Decision<CardRecord> {
  return lastWriterWins(
    { hlc: derivedHlc('card', local), value: local },
    { hlc: derivedHlc('card', incoming), value: incoming },
  );
}

/** The same for an interview. */
export function newerInterview(local: Interview, incoming: Interview): Decision<Interview> {
  return lastWriterWins(
    { hlc: derivedHlc('interview', local), value: local },
    { hlc: derivedHlc('interview', incoming), value: incoming },
  );
}
