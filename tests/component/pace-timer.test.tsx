// The answer timer on the recall stage: a quiet countdown that turns into the time over, read on request only.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaceTimer } from '../../src/features/review/review-screen';

const START = new Date(2025, 0, 6, 9, 0).getTime();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(START);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const elapse = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('PaceTimer', () => {
  it('counts down the time left, then counts the time over the target', async () => {
    render(<PaceTimer since={START} targetMs={120_000} />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('2:00 left');

    await elapse(48_000);
    expect(timer).toHaveTextContent('1:12 left');
    expect(timer).not.toHaveClass('kp-review__timer--over');

    await elapse(72_000);
    expect(timer).toHaveTextContent('0:00 left');

    await elapse(25_000);
    expect(timer).toHaveTextContent('0:25 over');
    expect(timer).toHaveClass('kp-review__timer--over');
    expect(timer).toHaveAccessibleName('Answer time, target 2:00: 0:25 over');
  });

  it('is never announced by itself: a timer role, no live region', () => {
    const { container } = render(<PaceTimer since={START} targetMs={300_000} />);
    const timer = screen.getByRole('timer');
    expect(timer).not.toHaveAttribute('aria-live');
    expect(container.querySelector('[aria-live]')).toBeNull();
    expect(timer).toHaveAccessibleName('Answer time, target 5:00: 5:00 left');
  });

  it('stops ticking once the card is gone', async () => {
    const { unmount } = render(<PaceTimer since={START} targetMs={120_000} />);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
