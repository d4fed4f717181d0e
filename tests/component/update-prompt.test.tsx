import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';

// A stand-in for the plugin's registerSW: the test plays the browser's part through its callbacks.
const sw = {
  options: undefined as RegisterSWOptions | undefined,
  updateServiceWorker: vi.fn<(reloadPage?: boolean) => Promise<void>>(),
};

async function setup(canShow = true) {
  // Fresh modules per test: the update store is a module-level singleton.
  const { connectServiceWorker } = await import('../../src/pwa/update-connection');
  const { UpdatePrompt } = await import('../../src/pwa/update-prompt');
  connectServiceWorker((options) => {
    sw.options = options;
    return sw.updateServiceWorker;
  });
  const view = render(<UpdatePrompt canShow={canShow} />);
  const rerender = (next: boolean) => view.rerender(<UpdatePrompt canShow={next} />);
  return { rerender };
}

function updateWaits() {
  act(() => sw.options?.onNeedRefresh?.());
}

function newWorkerTakesControl() {
  act(() => sw.options?.onNeedReload?.());
}

let reload: Mock<() => void>;

beforeEach(() => {
  vi.resetModules();
  sw.options = undefined;
  sw.updateServiceWorker = vi.fn(() => Promise.resolve());
  reload = vi.fn();
  vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload } as Location);
});

// No Vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

describe('UpdatePrompt', () => {
  it('shows nothing while no update waits', async () => {
    await setup();
    act(() => sw.options?.onOfflineReady?.());
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('offers Reload and Later when an update waits', async () => {
    await setup();
    updateWaits();
    expect(screen.getByRole('status')).toHaveTextContent('Update available');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Later' })).toBeEnabled();
  });

  it('waits until the card is finished (canShow) before appearing', async () => {
    const { rerender } = await setup(false);
    updateWaits();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    rerender(true);
    expect(screen.getByRole('status')).toHaveTextContent('Update available');
    rerender(false);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('Reload asks the waiting worker to take over and reloads once it controls the page', async () => {
    await setup();
    updateWaits();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(sw.updateServiceWorker).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Reloading…' })).toBeDisabled();

    newWorkerTakesControl();
    newWorkerTakesControl();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('Later hides the notice until a newer update arrives', async () => {
    await setup();
    updateWaits();
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(sw.updateServiceWorker).not.toHaveBeenCalled();

    updateWaits();
    expect(screen.getByRole('status')).toHaveTextContent('Update available');
  });

  it('does not reload mid-card when another tab applied the update; Reload then reloads at once', async () => {
    await setup();
    updateWaits();
    newWorkerTakesControl();
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('Update available');

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
