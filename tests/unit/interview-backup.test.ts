// Interviews travel in backups: written, read back, checked, merged by the newer copy; older backups without them still restore.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Problem, ValidationError } from '../../src/domain';
import { contentHash, createBackup, parseBackup, serializeBackup } from '../../src/domain/backup';
import type { BackupData } from '../../src/domain/backup-data';
import type { Interview } from '../../src/domain/interview';
import { defaultInterviewDraft } from '../../src/domain/interview';
import { mergeBackups, mergeInterview } from '../../src/domain/merge-backups';
import { exportAll, mergeBackupText, restoreBackupText } from '../../src/storage/repositories/data-transfer';
import { listInterviews, saveInterview } from '../../src/storage/repositories/interviews';
import { DAY, MID_JANUARY_UTC } from '../support/clock';
import { seededDb } from '../support/db';

const NOW = MID_JANUARY_UTC;

function interview(id: string, over: Partial<Interview> = {}): Interview {
  return {
    id,
    name: `Loop ${id}`,
    at: NOW + 14 * DAY,
    covers: { levels: ['senior'], tags: ['aws'] },
    dailyMinutes: 20,
    leadDays: 3,
    target: 0.9,
    createdAt: NOW - DAY,
    updatedAt: NOW - DAY,
    reachedReadiness: null,
    ...over,
  };
}

function data(interviews?: Interview[]): BackupData {
  return { decks: [], cards: [], schedules: [], reviews: [], settings: DEFAULT_SETTINGS, interviews };
}

function problemsOf(text: string): Problem[] {
  try {
    parseBackup(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error('expected the backup to be refused');
}

describe('interviews in a backup file', () => {
  it('come back exactly as they were written, sorted by id', () => {
    const b = interview('b', { reachedReadiness: 81.5, covers: {} });
    const a = interview('a', { updatedAt: undefined });
    const backup = createBackup(data([b, a]), NOW);
    expect(backup.interviews?.map((i) => i.id)).toEqual(['a', 'b']);
    const restored = parseBackup(serializeBackup(backup));
    expect(restored.interviews).toEqual([a, b]);
    expect(restored.interviews?.[0]).not.toHaveProperty('updatedAt');
  });

  it('are optional: a backup written before interviews existed still reads, as having none', () => {
    const json = JSON.parse(serializeBackup(createBackup(data([interview('a')]), NOW)));
    delete json.interviews;
    const restored = parseBackup(JSON.stringify(json));
    expect(restored.interviews).toBeUndefined();
    expect(createBackup(restored, NOW).interviews).toEqual([]);
  });

  it('name the interview and field that is wrong', () => {
    const json = JSON.parse(serializeBackup(createBackup(data([interview('a'), interview('b')]), NOW)));
    json.interviews[0].dailyMinutes = 0;
    json.interviews[1].covers.levels = ['wizard'];
    json.interviews[1].reachedReadiness = 140;
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'interviews[0].dailyMinutes', message: 'must be at least 1' },
      {
        field: 'interviews[1].covers.levels[0]',
        message: 'must be one of: junior, mid, senior, lead, principal',
      },
      { field: 'interviews[1].reachedReadiness', message: 'is too large (the maximum is 100)' },
    ]);
    json.interviews = [interview('a'), interview('a')];
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'interviews[1].id', message: expect.stringContaining('"a"') },
    ]);
  });

  it('change the content hash, while a device without any hashes as before interviews existed', () => {
    const none = data();
    expect(contentHash(data([]))).toBe(contentHash(none));
    expect(contentHash(data([interview('a')]))).not.toBe(contentHash(none));
    expect(contentHash(data([interview('a', { name: 'Renamed' })]))).not.toBe(
      contentHash(data([interview('a')])),
    );
  });
});

describe('merging interviews', () => {
  it('unites them by id and keeps the copy saved last', () => {
    const mine = interview('shared', { name: 'Mine', updatedAt: NOW });
    const theirs = interview('shared', { name: 'Theirs', updatedAt: NOW + 1 });
    const { data: merged } = mergeBackups(data([mine, interview('local')]), data([theirs, interview('far')]));
    expect(merged.interviews?.map((i) => [i.id, i.name])).toEqual([
      ['far', 'Loop far'],
      ['local', 'Loop local'],
      ['shared', 'Theirs'],
    ]);
  });

  it('keeps this device’s copy on a tie, and carries over a readiness reached for the same moment', () => {
    const mine = interview('x', { name: 'Mine' });
    const settled = interview('x', { name: 'Theirs', reachedReadiness: 77 });
    expect(mergeInterview(mine, settled)).toEqual({ ...mine, reachedReadiness: 77 });
    // Renamed later here, settled there: the rename stays and so does the readiness reached.
    const renamed = interview('x', { name: 'Renamed', updatedAt: NOW + DAY });
    expect(mergeInterview(settled, renamed)).toEqual({ ...renamed, reachedReadiness: 77 });
    // Moved to another date: the readiness reached at the old moment is not this one's.
    const moved = interview('x', { at: NOW + 20 * DAY, updatedAt: NOW + DAY });
    expect(mergeInterview(settled, moved).reachedReadiness).toBeNull();
  });

  it('gives the same interviews whichever side is local, when copies differ in time', () => {
    const copy = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      updatedAt: fc.integer({ min: 0, max: 1000 }),
      reached: fc.option(fc.integer({ min: 0, max: 100 })),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(copy, { selector: (c) => c.id }),
        fc.uniqueArray(copy, { selector: (c) => c.id }),
        (xs, ys) => {
          const side = (list: typeof xs, name: string) =>
            data(
              list.map((c) =>
                interview(c.id, {
                  name: `${name} ${c.updatedAt}`,
                  updatedAt: NOW + c.updatedAt * 2 + (name === 'x' ? 0 : 1),
                  reachedReadiness: c.reached,
                }),
              ),
            );
          const ab = mergeBackups(side(xs, 'x'), side(ys, 'y')).data.interviews;
          const ba = mergeBackups(side(ys, 'y'), side(xs, 'x')).data.interviews;
          expect(ab).toEqual(ba);
          expect(new Set(ab?.map((i) => i.id))).toEqual(new Set([...xs, ...ys].map((c) => c.id)));
        },
      ),
    );
  });
});

describe('interviews through the device’s backup, restore and merge', () => {
  it('are exported, replaced on restore and united on merge', async () => {
    const db = await seededDb(NOW);
    const saved = await saveInterview(
      db,
      { ...defaultInterviewDraft(NOW + 14 * DAY), name: 'Amazon loop', covers: { kinds: ['behavioral'] } },
      NOW,
    );
    const exported = await exportAll(db);
    expect(exported.interviews).toEqual([saved]);
    const text = serializeBackup(createBackup(exported, NOW));

    // Another device's backup brings one more; merging keeps both.
    const other = JSON.parse(text);
    other.interviews.push(interview('far-away'));
    await mergeBackupText(db, JSON.stringify(other), NOW);
    expect((await listInterviews(db)).map((i) => i.name).sort()).toEqual(['Amazon loop', 'Loop far-away']);

    // Restoring the first backup replaces everything: the merged one is gone again.
    await restoreBackupText(db, text, NOW);
    expect(await listInterviews(db)).toEqual([saved]);

    // A backup from before interviews existed restores too, and leaves none.
    const old = JSON.parse(text);
    delete old.interviews;
    await restoreBackupText(db, JSON.stringify(old), NOW);
    expect(await listInterviews(db)).toEqual([]);
    await db.delete();
  });
});
