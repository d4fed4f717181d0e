// Where the review id space is cut into ranges that are read side by side (review-log.ts, stats-source.ts).

/**
 * Review ids are 22 random url-safe characters (ids.ts), so cutting on the first character gives
 * ranges of about equal size. Ids of any other shape are still read, by the first or last range.
 */
export const REVIEW_ID_CUTS: readonly string[] = [...'26AEIMQUYaeimqu'];
