// "Update available — Reload": a non-blocking notice, shown only where a reload cannot interrupt a card.
import { useState, useSyncExternalStore } from 'react';
import { applyUpdate, dismissUpdate, getSnapshot, subscribe } from './update-store';
import './pwa.css';

export interface UpdatePromptProps {
  /** False while a card is in progress: the notice waits for the next card or Home. */
  canShow: boolean;
}

export function UpdatePrompt({ canShow }: UpdatePromptProps) {
  const { updateWaiting, updateDismissed } = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const [reloading, setReloading] = useState(false);

  if (!updateWaiting || updateDismissed || !canShow) return null;

  const reload = (): void => {
    setReloading(true);
    applyUpdate().catch(() => setReloading(false));
  };

  return (
    <div className="kp-update" role="status">
      <span className="kp-update__text">Update available</span>
      <button type="button" className="kp-update__reload" onClick={reload} disabled={reloading}>
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
      <button type="button" className="kp-update__later" onClick={dismissUpdate} disabled={reloading}>
        Later
      </button>
    </div>
  );
}
