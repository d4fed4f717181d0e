// Joining by a setup link: the one-time code unlocks the settings, the user sees what will be used, then sync starts.
import { useState } from 'react';
import { FormField } from '../../components/form-field';
import { go, SYNC_HREF } from '../../components/routes';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { readSyncStatus } from '../../storage/repositories/sync';
import { type JoinSettings, joinWithSettings, type Outcome, openSetupLink } from '../../sync/service';
import './sync.css';

export function JoinScreen({ link }: { link: string }) {
  const db = useDb();
  const status = useLive(() => readSyncStatus(db), [db]);
  const [code, setCode] = useState('');
  const [settings, setSettings] = useState<JoinSettings | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setBusy(true);
    setOutcome(null);
    const opened = await openSetupLink(link, code);
    setBusy(false);
    if (opened.ok) setSettings(opened.settings);
    else setOutcome(opened);
  };
  const join = async () => {
    if (!settings) return;
    setBusy(true);
    setOutcome(null);
    const result = await joinWithSettings(db, settings);
    setBusy(false);
    if (result.ok) go(SYNC_HREF);
    else setOutcome(result);
  };

  return (
    <section className="kp-sync" aria-labelledby="kp-join-title">
      <h1 id="kp-join-title">Sync this device</h1>
      {!link ? (
        <p className="kp-alert" role="alert">
          This setup link is incomplete. Copy the whole link from the other device's Sync screen.
        </p>
      ) : status && status.state !== 'off' ? (
        <p className="kp-notice" role="status">
          This device already syncs. To use the link, open <a href={SYNC_HREF}>Sync</a> and turn sync off
          first (your cards and reviews stay on this device).
        </p>
      ) : !settings ? (
        <form
          className="kp-card kp-sync__section"
          aria-labelledby="kp-join-code-title"
          onSubmit={(e) => {
            e.preventDefault();
            void unlock();
          }}
        >
          <h2 id="kp-join-code-title">Type the one-time code</h2>
          <p className="kp-muted">The device that made this link shows the code next to it.</p>
          <FormField id="kp-join-code" label="One-time code">
            {(control) => (
              <input
                {...control}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                required
              />
            )}
          </FormField>
          <button
            type="submit"
            className="kp-button kp-button--primary"
            disabled={busy || code.trim() === ''}
          >
            {busy ? 'Opening…' : 'Open the link'}
          </button>
        </form>
      ) : (
        <section className="kp-card kp-sync__section" aria-labelledby="kp-join-check-title">
          <h2 id="kp-join-check-title">This device will sync with</h2>
          <dl className="kp-sync__target" data-testid="join-target">
            <dt>Server</dt>
            <dd>{settings.serverUrl}</dd>
            <dt>Database</dt>
            <dd>{settings.database}</dd>
            <dt>User</dt>
            <dd>{settings.user || '(none)'}</dd>
            <dt>Encryption</dt>
            <dd>{settings.passphrase ? 'on (the passphrase came with the link)' : 'off'}</dd>
          </dl>
          <p className="kp-muted">
            The cards and reviews on the server join those on this device; nothing here is deleted.
          </p>
          <button
            type="button"
            className="kp-button kp-button--primary"
            disabled={busy}
            onClick={() => void join()}
          >
            {busy ? 'Turning on…' : 'Turn on sync'}
          </button>
        </section>
      )}
      {outcome && !outcome.ok && (
        <p className="kp-alert" role="alert">
          {outcome.message}
        </p>
      )}
    </section>
  );
}
