// The domain's one entry point for the review path. Heavy or later-needed modules are imported by
// path so they stay out of the first-card chunk: CSV/backup import and export from lazily loaded
// features, and the scheduler (ts-fsrs), which grading loads once the first card is on screen.
export * from './card';
export * from './card-draft';
export * from './card-limits';
export * from './day';
export * from './deck';
export * from './deck-file';
export * from './errors';
export * from './grading';
export * from './interval';
export * from './kind';
export * from './pacing';
export * from './parse-page';
export * from './queue';
export * from './same-content';
export * from './settings';
export * from './settings-rules';
export * from './text';
export * from './words';
