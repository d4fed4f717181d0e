// A caught error becomes words for the user: the project's own errors as written, anything else safely.
import { describe, expect, it } from 'vitest';
import { errorDetail, errorWords, GENERIC_ERROR_WORDS, ValidationError } from '../../src/domain';
import { StaleCardError, StorageFullError } from '../../src/storage/errors';

describe('errorWords', () => {
  it("shows the project's errors as they are written", () => {
    expect(errorWords(new StorageFullError())).toBe(new StorageFullError().message);
    expect(errorWords(new StaleCardError('a/1.1'))).toBe(new StaleCardError('a/1.1').message);
    expect(errorWords(new ValidationError([{ message: 'Too long.' }]))).toBe('Too long.');
  });

  it('never shows the text of an error it does not know, even a named one', () => {
    const browserError = new Error('IDBDatabase: internal detail');
    browserError.name = 'UnknownError';
    expect(errorWords(browserError)).toBe(GENERIC_ERROR_WORDS);
    expect(errorWords(new TypeError('x is undefined'), 'Could not save.')).toBe('Could not save.');
    expect(errorWords('a string')).toBe(GENERIC_ERROR_WORDS);
  });
});

describe('errorDetail', () => {
  it('gives the raw text of anything thrown', () => {
    expect(errorDetail(new Error('disk'))).toBe('disk');
    expect(errorDetail(42)).toBe('42');
  });
});
