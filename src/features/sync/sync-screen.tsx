// Sync: connect this device to the user's CouchDB database, see how sync is going, add another device.
import { useState } from 'react';
import { FormField } from '../../components/form-field';
import { dateTime } from '../../components/format';
import { agoText } from '../../components/sync-words';
import { count } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import { readSyncStatus } from '../../storage/repositories/sync';
import { BUILD_SYNC_ORIGINS } from '../../sync/origins';
import {
  makeSetupLink,
  type Outcome,
  type SetupLink,
  type SyncForm,
  syncNow,
  syncTarget,
  testConnection,
  turnOffSync,
  turnOnSync,
} from '../../sync/service';
import './sync.css';

const EMPTY_FORM: SyncForm = { serverUrl: '', database: '', user: '', password: '', passphrase: '' };

function Message({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="kp-notice" role="status">
      {outcome.message}
    </p>
  ) : (
    <p className="kp-alert" role="alert">
      {outcome.message}
    </p>
  );
}

function SetupForm() {
  const db = useDb();
  const [form, setForm] = useState<SyncForm>(EMPTY_FORM);
  const [busy, setBusy] = useState<'test' | 'on' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const field = (name: keyof SyncForm) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });
  const run = async (what: 'test' | 'on') => {
    setBusy(what);
    setOutcome(null);
    try {
      setOutcome(what === 'test' ? await testConnection(form) : await turnOnSync(db, form));
    } finally {
      setBusy(null);
    }
  };
  const allowed = BUILD_SYNC_ORIGINS;
  return (
    <form
      className="kp-card kp-sync__section"
      aria-labelledby="kp-sync-setup-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run('on');
      }}
    >
      <h2 id="kp-sync-setup-title">Connect to your server</h2>
      <p className="kp-muted">
        Sync uses a CouchDB database of your own (the README shows how to set one up).{' '}
        {allowed !== null &&
          (allowed.length === 0
            ? 'This copy of Keypoints can sync only with a server on this device (localhost); build it with KEYPOINTS_SYNC_ORIGINS=https://your-server to use yours.'
            : `This copy of Keypoints can sync with ${allowed.join(', ')} and with a server on this device.`)}
      </p>
      <FormField id="kp-sync-url" label="Server address" hint="Such as https://couch.example.com">
        {(control) => (
          <input
            {...control}
            {...field('serverUrl')}
            type="url"
            inputMode="url"
            autoComplete="url"
            required
          />
        )}
      </FormField>
      <FormField id="kp-sync-db" label="Database">
        {(control) => (
          <input {...control} {...field('database')} autoCapitalize="none" spellCheck={false} required />
        )}
      </FormField>
      <FormField id="kp-sync-user" label="User">
        {(control) => (
          <input
            {...control}
            {...field('user')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
      </FormField>
      <FormField id="kp-sync-password" label="Password">
        {(control) => (
          <input {...control} {...field('password')} type="password" autoComplete="current-password" />
        )}
      </FormField>
      <FormField
        id="kp-sync-passphrase"
        label="Passphrase"
        hint="With a passphrase, your cards and reviews are encrypted on this device before they leave it: the server sees neither questions nor card ids. Use the same passphrase on every device. It cannot be recovered: without it the data on the server cannot be read."
      >
        {(control) => (
          <input {...control} {...field('passphrase')} type="password" autoComplete="new-password" />
        )}
      </FormField>
      {form.passphrase === '' && (
        <p className="kp-muted">Without a passphrase, whoever runs the server can read your cards.</p>
      )}
      <div className="kp-sync__actions">
        <button type="button" className="kp-button" disabled={busy !== null} onClick={() => void run('test')}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="kp-button kp-button--primary" disabled={busy !== null}>
          {busy === 'on' ? 'Turning on…' : 'Turn on sync'}
        </button>
      </div>
      <Message outcome={outcome} />
    </form>
  );
}

function AddDevice({ encrypted }: { encrypted: boolean }) {
  const db = useDb();
  const [link, setLink] = useState<SetupLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const show = async () => {
    setProblem(null);
    setBusy(true);
    try {
      setLink(await makeSetupLink(db, `${window.location.origin}${window.location.pathname}`, passphrase));
      setPassphrase('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="kp-card kp-sync__section" aria-labelledby="kp-sync-add-title">
      <h2 id="kp-sync-add-title">Add another device</h2>
      {!link ? (
        <>
          <p className="kp-muted">
            Open a link on the other device and type a one-time code: the link carries this device's sync
            settings, locked with the code.
          </p>
          {encrypted && (
            <FormField
              id="kp-sync-link-passphrase"
              label="Passphrase"
              hint="This device does not keep your passphrase, and the other device needs it: type it once more."
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="current-password"
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                />
              )}
            </FormField>
          )}
          <button type="button" className="kp-button" disabled={busy} onClick={() => void show()}>
            {busy ? 'Making the link…' : 'Add another device'}
          </button>
        </>
      ) : (
        <>
          <p>Open this link on the other device (or scan the code with its camera):</p>
          <p className="kp-sync__link">
            <a href={link.url} data-testid="setup-link">
              {link.url}
            </a>
          </p>
          <svg
            className="kp-sync__qr"
            viewBox={`0 0 ${link.qr.size} ${link.qr.size}`}
            role="img"
            aria-label="QR code of the setup link"
          >
            <rect width={link.qr.size} height={link.qr.size} fill="#fff" />
            <path d={link.qr.path} fill="#000" />
          </svg>
          <p>
            Then type this one-time code there:{' '}
            <strong className="kp-sync__code" data-testid="setup-code">
              {link.code}
            </strong>
          </p>
          <p className="kp-muted">
            Send the link and the code by different ways (or read the code out): either one alone opens
            nothing.
          </p>
        </>
      )}
      {problem && (
        <p className="kp-alert" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function SyncOn() {
  const db = useDb();
  const now = useNow();
  const status = useLive(() => readSyncStatus(db), [db]);
  const target = useLive(() => syncTarget(db), [db]);
  const [confirmOff, setConfirmOff] = useState(false);
  if (!status) return null;
  return (
    <>
      <section className="kp-card kp-sync__section" aria-labelledby="kp-sync-status-title">
        <h2 id="kp-sync-status-title">Sync is on</h2>
        {target && (
          <p className="kp-muted" data-testid="sync-target">
            {target.database} on {target.serverUrl}
            {target.user ? ` as ${target.user}` : ''}
            {target.encrypted ? ', encrypted' : ', not encrypted'}
          </p>
        )}
        <div role="status" data-testid="sync-status">
          <p>
            {status.state === 'syncing'
              ? 'Syncing…'
              : status.lastSyncedAt !== null
                ? `Last synced ${agoText(status.lastSyncedAt, now)} (${dateTime(status.lastSyncedAt)}).`
                : 'Not synced yet.'}
          </p>
          <p>
            {status.pending === 0
              ? 'No changes waiting.'
              : `${count(status.pending, 'change')} waiting to be sent.`}
          </p>
        </div>
        {status.error && (
          <p className="kp-alert" role="alert" data-testid="sync-error">
            {status.error.message}
          </p>
        )}
        <div className="kp-sync__actions">
          <button type="button" className="kp-button kp-button--primary" onClick={() => syncNow(db)}>
            Sync now
          </button>
          {!confirmOff ? (
            <button type="button" className="kp-button kp-button--danger" onClick={() => setConfirmOff(true)}>
              Turn off sync
            </button>
          ) : (
            <span className="kp-sync__confirm">
              <span>Stop syncing this device? Your cards and reviews stay here.</span>
              <button
                type="button"
                className="kp-button kp-button--danger"
                onClick={() => void turnOffSync(db)}
              >
                Turn off
              </button>
              <button type="button" className="kp-button" onClick={() => setConfirmOff(false)}>
                Keep syncing
              </button>
            </span>
          )}
        </div>
      </section>
      {target && <AddDevice encrypted={target.encrypted} />}
    </>
  );
}

export function SyncScreen() {
  const db = useDb();
  const status = useLive(() => readSyncStatus(db), [db]);
  return (
    <section className="kp-sync" aria-labelledby="kp-sync-title">
      <h1 id="kp-sync-title">Sync</h1>
      <p className="kp-muted">
        Keep your cards, reviews and scheduling settings the same on all your devices. Everything stays on
        this device too, and works offline as before.
      </p>
      {!status ? (
        <p className="kp-muted">Reading sync settings…</p>
      ) : status.state === 'off' ? (
        <SetupForm />
      ) : (
        <SyncOn />
      )}
    </section>
  );
}
