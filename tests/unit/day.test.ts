// Study days under real time zones: the start hour, DST changes, and the streak.
import { describe, expect, it } from 'vitest';
import { dayKey, nextDayStart, shiftDayKey, startOfStudyDay, streak, studyDayKeys } from '../../src/domain';
import { HOUR, inTimeZone } from '../support/clock';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('the time zone helper', () => {
  inTimeZone('America/New_York');
  it('really switches the zone Date uses', () => {
    expect(new Date(utc(2025, 1, 15, 12)).getHours()).toBe(7);
  });
});

describe('Europe/London', () => {
  inTimeZone('Europe/London');

  it('rolls the study day over exactly at the start hour: 03:59 is still yesterday', () => {
    // 10 June 2025 is summer time (UTC+1): 03:59 BST = 02:59 UTC.
    expect(dayKey(utc(2025, 6, 10, 2, 59), 4)).toBe('2025-06-09');
    expect(dayKey(utc(2025, 6, 10, 3, 0), 4)).toBe('2025-06-10');
    expect(startOfStudyDay(utc(2025, 6, 10, 2, 59), 4)).toBe(utc(2025, 6, 9, 3));
    expect(startOfStudyDay(utc(2025, 6, 10, 3, 0), 4)).toBe(utc(2025, 6, 10, 3));
    expect(nextDayStart(utc(2025, 6, 10, 2, 59), 4)).toBe(utc(2025, 6, 10, 3));
  });

  it('follows the start hour setting, midnight included', () => {
    expect(dayKey(utc(2025, 1, 10, 23, 59), 0)).toBe('2025-01-10');
    expect(dayKey(utc(2025, 1, 11, 0, 0), 0)).toBe('2025-01-11');
    expect(dayKey(utc(2025, 1, 11, 5, 59), 6)).toBe('2025-01-10');
    expect(dayKey(utc(2025, 1, 11, 6, 0), 6)).toBe('2025-01-11');
  });

  it('makes the study day of spring-forward 23 hours long, ending at 04:00 BST', () => {
    // Clocks go 01:00 GMT → 02:00 BST on 30 March 2025.
    const saturdayNoon = utc(2025, 3, 29, 12);
    expect(startOfStudyDay(saturdayNoon, 4)).toBe(utc(2025, 3, 29, 4));
    expect(nextDayStart(saturdayNoon, 4)).toBe(utc(2025, 3, 30, 3));
    expect(nextDayStart(saturdayNoon, 4) - startOfStudyDay(saturdayNoon, 4)).toBe(23 * HOUR);
    expect(dayKey(utc(2025, 3, 30, 2, 59), 4)).toBe('2025-03-29');
    expect(dayKey(utc(2025, 3, 30, 3, 0), 4)).toBe('2025-03-30');
  });

  it('makes the study day of fall-back 25 hours long, ending at 04:00 GMT', () => {
    // Clocks go 02:00 BST → 01:00 GMT on 26 October 2025.
    const saturdayNoon = utc(2025, 10, 25, 11);
    expect(startOfStudyDay(saturdayNoon, 4)).toBe(utc(2025, 10, 25, 3));
    expect(nextDayStart(saturdayNoon, 4)).toBe(utc(2025, 10, 26, 4));
    expect(nextDayStart(saturdayNoon, 4) - startOfStudyDay(saturdayNoon, 4)).toBe(25 * HOUR);
    expect(dayKey(utc(2025, 10, 26, 3, 59), 4)).toBe('2025-10-25');
    expect(dayKey(utc(2025, 10, 26, 4, 0), 4)).toBe('2025-10-26');
  });

  it('keeps a streak across the spring-forward night', () => {
    // One review a day just after the day starts, and one in the small hours that belongs to the
    // day before: 28, 29, 30 (DST), 31 March.
    const reviews = [
      utc(2025, 3, 28, 4, 30), // 04:30 GMT, 28th
      utc(2025, 3, 29, 4, 5), // 04:05 GMT, 29th
      utc(2025, 3, 30, 3, 5), // 04:05 BST, 30th
      utc(2025, 4, 1, 1, 30), // 02:30 BST, 1 April: still the study day of 31 March
    ];
    const days = studyDayKeys(reviews, 4);
    expect([...days].sort()).toEqual(['2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31']);
    const aprilFirstMorning = utc(2025, 4, 1, 9); // 10:00 BST, nothing reviewed yet today
    expect(streak(days, aprilFirstMorning, 4)).toBe(4);
    const withToday = studyDayKeys([...reviews, utc(2025, 4, 1, 9, 30)], 4);
    expect(streak(withToday, aprilFirstMorning, 4)).toBe(5);
  });
});

describe('America/New_York', () => {
  inTimeZone('America/New_York');

  it('makes the study day of spring-forward 23 hours long', () => {
    // Clocks go 02:00 EST → 03:00 EDT on 9 March 2025.
    const saturdayNoon = utc(2025, 3, 8, 17);
    expect(startOfStudyDay(saturdayNoon, 4)).toBe(utc(2025, 3, 8, 9));
    expect(nextDayStart(saturdayNoon, 4)).toBe(utc(2025, 3, 9, 8));
    expect(dayKey(utc(2025, 3, 9, 7, 59), 4)).toBe('2025-03-08');
    expect(dayKey(utc(2025, 3, 9, 8, 0), 4)).toBe('2025-03-09');
  });

  it('starts the day when the clocks land if the start hour is skipped', () => {
    // With a 02:00 start, 9 March has no 02:00: its study day starts at 03:00 EDT.
    expect(dayKey(utc(2025, 3, 9, 6, 59), 2)).toBe('2025-03-08'); // 01:59 EST
    expect(dayKey(utc(2025, 3, 9, 7, 0), 2)).toBe('2025-03-09'); // 03:00 EDT
    expect(startOfStudyDay(utc(2025, 3, 9, 12), 2)).toBe(utc(2025, 3, 9, 7));
  });

  it('makes the study day of fall-back 25 hours long', () => {
    // Clocks go 02:00 EDT → 01:00 EST on 2 November 2025.
    const saturdayNoon = utc(2025, 11, 1, 16);
    expect(startOfStudyDay(saturdayNoon, 4)).toBe(utc(2025, 11, 1, 8));
    expect(nextDayStart(saturdayNoon, 4)).toBe(utc(2025, 11, 2, 9));
    expect(dayKey(utc(2025, 11, 2, 8, 59), 4)).toBe('2025-11-01');
    expect(dayKey(utc(2025, 11, 2, 9, 0), 4)).toBe('2025-11-02');
  });

  it('starts the day at the first of two 01:00s when the clocks go back over the start hour', () => {
    expect(dayKey(utc(2025, 11, 2, 4, 59), 1)).toBe('2025-11-01'); // 00:59 EDT
    expect(dayKey(utc(2025, 11, 2, 5, 0), 1)).toBe('2025-11-02'); // 01:00 EDT
    expect(dayKey(utc(2025, 11, 2, 6, 30), 1)).toBe('2025-11-02'); // 01:30 EST, the second time
  });

  it('keeps a streak across the fall-back night', () => {
    const reviews = [
      utc(2025, 11, 1, 22), // 18:00 EDT, 1 November
      utc(2025, 11, 3, 8, 30), // 03:30 EST, 3 November: still the study day of the 2nd
      utc(2025, 11, 3, 22), // 17:00 EST, 3 November
    ];
    expect([...studyDayKeys(reviews, 4)].sort()).toEqual(['2025-11-01', '2025-11-02', '2025-11-03']);
    expect(streak(studyDayKeys(reviews, 4), utc(2025, 11, 3, 23), 4)).toBe(3);
  });
});

describe('streak', () => {
  inTimeZone('UTC');
  const days = new Set(['2025-05-01', '2025-05-02', '2025-05-03']);

  it('counts up to today when the user has reviewed today', () => {
    expect(streak(new Set([...days, '2025-05-04']), utc(2025, 5, 4, 12), 4)).toBe(4);
  });

  it('is not lost until the day ends: without a review today it ends yesterday', () => {
    expect(streak(days, utc(2025, 5, 4, 12), 4)).toBe(3);
    // 03:59 on the 5th is still the study day of the 4th.
    expect(streak(days, utc(2025, 5, 5, 3, 59), 4)).toBe(3);
  });

  it('is 0 once a whole study day passed without a review', () => {
    expect(streak(days, utc(2025, 5, 5, 4, 0), 4)).toBe(0);
    expect(streak(new Set(), utc(2025, 5, 5, 4, 0), 4)).toBe(0);
  });

  it('stops at the first missed day', () => {
    expect(streak(new Set(['2025-04-28', ...days]), utc(2025, 5, 3, 12), 4)).toBe(3);
  });
});

describe('shiftDayKey', () => {
  it('moves across months, years and leap days', () => {
    expect(shiftDayKey('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDayKey('2025-03-01', -1)).toBe('2025-02-28');
    expect(shiftDayKey('2025-12-31', 1)).toBe('2026-01-01');
    expect(() => shiftDayKey('yesterday', 1)).toThrow(RangeError);
  });
});
