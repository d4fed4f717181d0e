// The interview forecast's computation, the same in its Web Worker and in-thread: simulate the plan, then say it in a sentence.
import { shortDay } from '../components/format';
import type { Schedule } from '../domain';
import type { CoverableCard, Interview } from '../domain/interview';
import type { StudyDurations } from '../domain/plan';
import {
  forecastSentence,
  minutesNeeded,
  type SimulationInput,
  simulatePlan,
} from '../domain/plan-simulation';
import type { SchedulingSettings } from '../domain/settings';

/** What the computation needs, as a message can carry it (structured clone). */
export interface ForecastRequest {
  /** The interview's covered cards, new ones in deck order. */
  cards: CoverableCard[];
  schedules: Map<string, Schedule>;
  settings: SchedulingSettings & { dayStartHour: number };
  durations: StudyDurations;
  interview: Interview;
  /** Passed in: a worker's clock is not the page's (tests move the page's). */
  now: number;
}

export interface Forecast {
  /** "At 20 min a day you reach about 84% by Tue 15 Dec; 35 min a day reaches 90%." */
  sentence: string;
  /** Readiness (0–100) the plan reaches at the interview's daily minutes. */
  reachedPercent: number;
  /** The smallest budget on a 5-minute grid that reaches the target; null when 180 do not. */
  minutesForTarget: number | null;
}

/**
 * The expected-value simulation: it draws no random numbers, so the same log always gives the same
 * forecast (the seeded Monte Carlo is there for what-ifs, not for this sentence).
 */
export function runForecast(request: ForecastRequest): Forecast {
  const { interview } = request;
  const input: Omit<SimulationInput, 'dailyMinutes' | 'mode'> = {
    cards: request.cards,
    schedules: request.schedules,
    interview,
    settings: request.settings,
    now: request.now,
    durations: request.durations,
  };
  const reachedPercent = simulatePlan({
    ...input,
    mode: 'expected',
    dailyMinutes: interview.dailyMinutes,
  }).percent;
  const minutesForTarget = minutesNeeded(input);
  const sentence = forecastSentence(
    {
      dailyMinutes: interview.dailyMinutes,
      reachedPercent,
      interviewAt: interview.at,
      target: interview.target,
      minutesForTarget,
    },
    shortDay,
  );
  return { sentence, reachedPercent, minutesForTarget };
}
