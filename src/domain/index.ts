// The domain's one entry point for the review path. Heavy, rarely used modules (CSV/backup
// import and export) are imported by path from lazily loaded features so they stay out of the
// review bundle.
export * from './card';
export * from './card-draft';
export * from './card-limits';
export * from './day';
export * from './deck';
export * from './deck-file';
export * from './errors';
export * from './grading';
export * from './kind';
export * from './pacing';
export * from './parse-page';
export * from './queue';
export * from './same-content';
export * from './scheduler';
export * from './settings';
export * from './text';
export * from './words';
