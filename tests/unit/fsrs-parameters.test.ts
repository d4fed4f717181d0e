// The user's own FSRS parameters: validated, carried by backups, used by the scheduler, and Apply
// then Revert rebuilding every schedule from the log (back to exactly what it was).

import { default_w } from 'ts-fsrs';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, Rating, validateSettings } from '../../src/domain';
import { curveOf } from '../../src/domain/readiness';
import { SettingsSchema } from '../../src/domain/record-schemas';
import { createScheduler, forgettingCurve, forgettingCurveFor } from '../../src/domain/scheduler';
import type { KeypointsDb } from '../../src/storage/db';
import { readOptimizerInput } from '../../src/storage/optimizer-source';
import { applyFsrsParameters, revertFsrsParameters } from '../../src/storage/repositories/fsrs-parameters';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { fingerprintIds, SnapshotBuilder } from '../../src/storage/review-log-snapshot';
import { DAY, MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';

const FITTED = default_w.map((w, i) => (i === 2 ? 0.6 : i === 3 ? 2 : w));

const opened: KeypointsDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('FSRS parameters in settings', () => {
  it('accepts 21 finite numbers or none, and refuses anything else with words', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS, fsrsParameters: FITTED })).toEqual([]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, fsrsParameters: null })).toEqual([]);
    for (const bad of [FITTED.slice(1), [...FITTED.slice(1), Number.NaN], ['1', ...FITTED.slice(1)]]) {
      expect(validateSettings({ ...DEFAULT_SETTINGS, fsrsParameters: bad as number[] })).toEqual([
        { field: 'fsrsParameters', message: 'FSRS parameters must be 21 numbers.' },
      ]);
    }
    expect(
      validateSettings({ ...DEFAULT_SETTINGS, revertFsrsParameters: { parameters: [1, 2] } })[0]?.field,
    ).toBe('revertFsrsParameters');
  });

  it('travel in backups; an older backup without them reads as the defaults', () => {
    const withThem = v.parse(SettingsSchema, {
      ...DEFAULT_SETTINGS,
      fsrsParameters: FITTED,
      revertFsrsParameters: { parameters: null },
    });
    expect(withThem.fsrsParameters).toEqual(FITTED);
    expect(withThem.revertFsrsParameters).toEqual({ parameters: null });
    const { fsrsParameters: _, ...older } = { ...DEFAULT_SETTINGS, fsrsParameters: null };
    expect(v.parse(SettingsSchema, older).fsrsParameters ?? null).toBeNull();
    expect(v.safeParse(SettingsSchema, { ...DEFAULT_SETTINGS, fsrsParameters: [1, 2, 3] }).success).toBe(
      false,
    );
  });

  it('the scheduler schedules with them', () => {
    const defaults = createScheduler({ ...DEFAULT_SETTINGS, enableFuzz: false });
    const fitted = createScheduler({ ...DEFAULT_SETTINGS, enableFuzz: false, fsrsParameters: FITTED });
    const first = (s: typeof defaults) =>
      s.grade(s.newSchedule('c', MONDAY_MORNING), Rating.Good, MONDAY_MORNING).schedule;
    expect(first(defaults).stability).toBeCloseTo(default_w[2] as number, 4);
    expect(first(fitted).stability).toBeCloseTo(0.6, 4);
  });
});

describe('the forgetting curve of the weights in use', () => {
  it('is the default one without fitted weights, and follows their own decay with them', () => {
    expect(curveOf(DEFAULT_SETTINGS)).toBe(forgettingCurve);
    expect(forgettingCurveFor(default_w)(10, 5)).toBeCloseTo(forgettingCurve(10, 5), 8);
    // A decay of 0.5 (FSRS-4.5's): factor 0.9^(−1/0.5) − 1 = 19/81; R(10, 5) = (1 + 19/81 · 2)^−0.5.
    const older = default_w.map((w, i) => (i === 20 ? 0.5 : w));
    expect(curveOf({ fsrsParameters: older })(10, 5)).toBeCloseTo((1 + (19 / 81) * 2) ** -0.5, 6);
  });
});

/** A device where six cards were graded on four days, three days apart. */
async function graded(): Promise<KeypointsDb> {
  const db = await seededDb(MONDAY_MORNING);
  opened.push(db);
  const settings = { ...DEFAULT_SETTINGS, newPerDay: 100 };
  const cards = (await db.schedules.toArray()).slice(0, 6).map((s) => s.cardId);
  for (let day = 0; day < 12; day += 3) {
    for (const [i, cardId] of cards.entries()) {
      const shown = await db.schedules.get(cardId);
      if (!shown) throw new Error('no schedule');
      await gradeCard(db, settings, {
        cardId,
        shown,
        rating: ((i + day) % 4 === 0 ? Rating.Again : Rating.Good) as Grade,
        now: MONDAY_MORNING + day * DAY + i * 60_000,
        durationMs: 10_000,
        keyPointsRecalled: [],
        pitfallsFlagged: [],
        notes: '',
      });
    }
  }
  return db;
}

describe('Apply and Revert', () => {
  it('Apply stores the parameters and reschedules; Revert gives back exactly the schedules before', async () => {
    const db = await graded();
    const before = await db.schedules.toArray();
    const progress: number[] = [];
    const applied = await applyFsrsParameters(db, FITTED, { onProgress: (p) => progress.push(p.cardsDone) });
    expect(applied.fsrsParameters).toEqual(FITTED);
    expect(applied.revertFsrsParameters).toEqual({ parameters: null });
    expect((await getSettings(db)).fsrsParameters).toEqual(FITTED);
    expect(progress.at(-1)).toBe(before.length);
    const after = await db.schedules.toArray();
    expect(after).not.toEqual(before);
    // Cards never reviewed are untouched.
    expect(after.filter((s) => s.reps === 0)).toEqual(before.filter((s) => s.reps === 0));

    const reverted = await revertFsrsParameters(db);
    expect(reverted.fsrsParameters).toBeNull();
    expect(reverted.revertFsrsParameters).toBeUndefined();
    expect(await db.schedules.toArray()).toEqual(before);
  });

  it('keeps the rest of the settings as they are', async () => {
    const db = await graded();
    await db.settings.put({ ...DEFAULT_SETTINGS, newPerDay: 42, key: 'settings' });
    await applyFsrsParameters(db, FITTED);
    expect((await getSettings(db)).newPerDay).toBe(42);
  });

  it('refuses parameters the scheduler cannot use, changing nothing', async () => {
    const db = await graded();
    const before = await db.schedules.toArray();
    await expect(applyFsrsParameters(db, [1, 2, 3])).rejects.toThrow(/21 numbers/);
    expect(await db.schedules.toArray()).toEqual(before);
    expect((await getSettings(db)).fsrsParameters ?? null).toBeNull();
  });
});

describe('Apply from the log the optimizer read', () => {
  /** The schedules a fresh read of the log gives with FITTED, then the database put back as it was. */
  async function freshlyApplied(db: KeypointsDb) {
    const settings = await getSettings(db);
    await applyFsrsParameters(db, FITTED);
    const schedules = await db.schedules.toArray();
    await revertFsrsParameters(db);
    await db.settings.put({ ...settings, key: 'settings' });
    return schedules;
  }

  it('gives exactly the schedules a fresh read of the log gives', async () => {
    const db = await graded();
    const { snapshot } = await readOptimizerInput(db.name);
    expect(snapshot?.count).toBe(24);
    const fresh = await freshlyApplied(db);
    await applyFsrsParameters(db, FITTED, { snapshot });
    expect(await db.schedules.toArray()).toEqual(fresh);
    // Revert from it too gives back the schedules before Apply.
    await revertFsrsParameters(db, { snapshot });
    await applyFsrsParameters(db, FITTED);
    expect(await db.schedules.toArray()).toEqual(fresh);
  });

  it('replays from the snapshot, not from a new read, while its review ids are the log', async () => {
    const db = await graded();
    const { snapshot } = await readOptimizerInput(db.name);
    if (!snapshot) throw new Error('no snapshot');
    const fresh = await freshlyApplied(db);
    // The same ids with other grades: used only if the snapshot is what Apply replays.
    const altered = { ...snapshot, rating: snapshot.rating.map(() => Rating.Easy) };
    await applyFsrsParameters(db, FITTED, { snapshot: altered });
    expect(await db.schedules.toArray()).not.toEqual(fresh);
  });

  it('reads the log again when a grade came after the snapshot', async () => {
    const db = await graded();
    const { snapshot } = await readOptimizerInput(db.name);
    const [first] = await db.schedules.toArray();
    if (!first) throw new Error('no schedule');
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: first.cardId,
      shown: first,
      rating: Rating.Again,
      now: MONDAY_MORNING + 10 * DAY,
      durationMs: 10_000,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });
    const fresh = await freshlyApplied(db);
    await applyFsrsParameters(db, FITTED, { snapshot });
    expect(await db.schedules.toArray()).toEqual(fresh);
  });

  it('reads the log again when a review left and an older one came (same size, same newest review)', async () => {
    const db = await graded();
    const { snapshot } = await readOptimizerInput(db.name);
    // As a sync pull can do in one batch: one review deleted, one from another device that is older.
    const reviews = await db.reviews.orderBy('reviewedAt').toArray();
    const [oldest] = reviews;
    if (!oldest) throw new Error('no review');
    await db.reviews.delete(oldest.id);
    await db.reviews.add({ ...oldest, id: `${oldest.id}-other`, rating: Rating.Hard });
    const fresh = await freshlyApplied(db);
    await applyFsrsParameters(db, FITTED, { snapshot });
    expect(await db.schedules.toArray()).toEqual(fresh);
  });
});

describe('the packed log', () => {
  it('tells ids apart by where one ends, and by order', () => {
    expect(fingerprintIds(['ab', 'c'])).not.toBe(fingerprintIds(['a', 'bc']));
    expect(fingerprintIds(['a', 'b'])).not.toBe(fingerprintIds(['b', 'a']));
    expect(fingerprintIds(['a', 'b'])).toBe(fingerprintIds(['a', 'b']));
  });

  it('is not made from a review it cannot hold exactly, so Apply reads the log itself', () => {
    const ok = new SnapshotBuilder();
    ok.add({ id: 'r1', cardId: 'c', rating: 3, reviewedAt: 5 });
    expect(ok.finish()?.count).toBe(1);
    for (const odd of [{ rating: 2.5 }, { rating: '3' }, { rating: 300 }, { reviewedAt: undefined }]) {
      const builder = new SnapshotBuilder();
      builder.add({ id: 'r1', cardId: 'c', rating: 3, reviewedAt: 5 });
      builder.add({ id: 'r2', cardId: 'c', rating: 3, reviewedAt: 6, ...odd });
      expect(builder.finish()).toBeNull();
    }
  });
});
