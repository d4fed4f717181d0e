// Interviews: the dates a user must be ready by. Each write is one transaction over the interviews store.
import { ValidationError } from '../../domain';
import type { Interview } from '../../domain/interview';
import { type InterviewDraft, interviewFromDraft, validateInterviewDraft } from '../../domain/interview';
import type { KeypointsDb } from '../db';
import { newId } from '../ids';
import { writeTransaction } from '../write';

/** Every interview, soonest first. */
export function listInterviews(db: KeypointsDb): Promise<Interview[]> {
  return db.interviews.orderBy('at').toArray();
}

/** Interviews whose moment is still ahead of `now`, soonest first. */
export function upcomingInterviews(db: KeypointsDb, now: number): Promise<Interview[]> {
  return db.interviews.where('at').above(now).sortBy('at');
}

/**
 * The soonest interview still ahead of `now`, or undefined: the one a study session plans for
 * when several are ahead (it is the nearest deadline, and a plan serves one date).
 */
export function soonestInterview(db: KeypointsDb, now: number): Promise<Interview | undefined> {
  return db.interviews.where('at').above(now).first();
}

export function getInterview(db: KeypointsDb, id: string): Promise<Interview | undefined> {
  return db.interviews.get(id);
}

/**
 * Adds an interview (no `id`) or changes one. Refuses a draft the domain rejects, and a change to
 * an interview that no longer exists (removed in another tab), with words the editor shows.
 */
export function saveInterview(
  db: KeypointsDb,
  draft: InterviewDraft,
  now: number,
  id?: string,
): Promise<Interview> {
  const problems = validateInterviewDraft(draft);
  if (problems.length > 0) return Promise.reject(new ValidationError(problems));
  return writeTransaction(db, db.interviews, async () => {
    const existing = id === undefined ? undefined : await db.interviews.get(id);
    if (id !== undefined && existing === undefined) {
      throw new ValidationError([{ message: 'This interview was removed meanwhile; nothing was saved.' }]);
    }
    const interview = interviewFromDraft(draft, { id: id ?? newId(), createdAt: now }, existing);
    await db.interviews.put(interview);
    return interview;
  });
}

export function deleteInterview(db: KeypointsDb, id: string): Promise<void> {
  return writeTransaction(db, db.interviews, () => db.interviews.delete(id));
}

/** Keeps the readiness an interview reached on its day (once; later calls change nothing). */
export function keepReachedReadiness(db: KeypointsDb, id: string, percent: number): Promise<void> {
  return writeTransaction(db, db.interviews, async () => {
    const interview = await db.interviews.get(id);
    if (interview === undefined || interview.reachedReadiness !== null) return;
    await db.interviews.put({ ...interview, reachedReadiness: percent });
  });
}
