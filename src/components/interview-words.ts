// How an interview's numbers read on every screen that shows them: days left and readiness.
import { count } from '../domain/words';

/** Readiness (0–100) as the screens show it: "74%". */
export function percentText(percent: number): string {
  return `${Math.round(percent)}%`;
}

/** Study days until the interview's day: "Today", "Tomorrow", "14 days left". */
export function daysLeftText(days: number): string {
  if (days <= 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `${count(days, 'day')} left`;
}
