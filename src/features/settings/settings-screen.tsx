// Settings: daily limits, retention, day start, learning steps, timer, and the state of storage.
import { useEffect, useState } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useSettings } from '../../hooks/use-settings';
import { requestPersistence, type StorageInfo, storageInfo } from '../../pwa/persistence';
import { UpdatePrompt } from '../../pwa/update-prompt';
import { saveSettings } from '../../storage/repositories/settings';
import './settings.css';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const STEP = /^\d+(\.\d+)?[smhd]$/;

/** "1m 10m" → ['1m', '10m'], or null when a step is not a number followed by s, m, h or d. */
export function parseSteps(text: string): string[] | null {
  const steps = text.split(/[\s,]+/).filter(Boolean);
  return steps.every((s) => STEP.test(s)) ? steps : null;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

function StorageSection() {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [asking, setAsking] = useState(false);
  const refresh = () => void storageInfo().then(setInfo);
  useEffect(refresh, []);
  return (
    <section aria-labelledby="kp-storage-title" className="kp-card kp-settings__section">
      <h2 id="kp-storage-title">Storage</h2>
      {!info ? (
        <p className="kp-muted">Checking storage…</p>
      ) : (
        <>
          <p data-testid="storage-persisted">
            {info.persisted === true
              ? 'Persistent: the browser will not clear your reviews to free space.'
              : info.persisted === false
                ? 'Not persistent: the browser may clear your reviews when the device runs low on space. Export a backup now and then.'
                : 'This browser cannot say whether your data is kept. Export a backup now and then.'}
          </p>
          {info.usage !== null && info.quota !== null && (
            <p data-testid="storage-usage">
              Using {formatBytes(info.usage)} of {formatBytes(info.quota)} available.
            </p>
          )}
          {info.persisted === false && (
            <button
              type="button"
              className="kp-button"
              disabled={asking}
              onClick={async () => {
                setAsking(true);
                await requestPersistence();
                setAsking(false);
                refresh();
              }}
            >
              Ask the browser to keep my data
            </button>
          )}
        </>
      )}
    </section>
  );
}

export function SettingsScreen() {
  const db = useDb();
  const settings = useSettings();
  const [stepsText, setStepsText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (!settings) return <p className="kp-muted">Loading settings…</p>;

  const save = async (patch: Partial<Settings>, what: string) => {
    try {
      await saveSettings(db, patch);
      setError(null);
      setSaved(`${what} saved.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not save the setting. Try again.');
    }
  };
  const num = (value: string, fallback: number) => (value.trim() === '' ? fallback : Number(value));

  return (
    <section className="kp-settings" aria-labelledby="kp-settings-title">
      <UpdatePrompt canShow />
      <h1 id="kp-settings-title">Settings</h1>
      {error && (
        <p className="kp-alert" role="alert">
          {error}
        </p>
      )}
      <p className="kp-visually-hidden" aria-live="polite">
        {saved}
      </p>
      <section aria-labelledby="kp-daily-title" className="kp-card kp-settings__section">
        <h2 id="kp-daily-title">Daily limits</h2>
        <div className="kp-field">
          <label htmlFor="kp-new-per-day">New cards per day</label>
          <input
            id="kp-new-per-day"
            type="number"
            inputMode="numeric"
            min={0}
            max={9999}
            value={settings.newPerDay}
            onChange={(e) => void save({ newPerDay: num(e.target.value, 0) }, 'New cards per day')}
          />
        </div>
        <div className="kp-field">
          <label htmlFor="kp-max-reviews">Maximum reviews per day</label>
          <input
            id="kp-max-reviews"
            type="number"
            inputMode="numeric"
            min={0}
            max={99999}
            value={settings.maxReviewsPerDay}
            onChange={(e) =>
              void save({ maxReviewsPerDay: num(e.target.value, 0) }, 'Maximum reviews per day')
            }
          />
        </div>
        <div className="kp-field">
          <label htmlFor="kp-day-start">A new day starts at</label>
          <select
            id="kp-day-start"
            value={settings.dayStartHour}
            onChange={(e) => void save({ dayStartHour: Number(e.target.value) }, 'Day start')}
          >
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}:00
              </option>
            ))}
          </select>
        </div>
      </section>
      <section aria-labelledby="kp-sched-title" className="kp-card kp-settings__section">
        <h2 id="kp-sched-title">Scheduling</h2>
        <div className="kp-field">
          <label htmlFor="kp-retention">
            Desired retention: <strong>{Math.round(settings.desiredRetention * 100)}%</strong>
          </label>
          <input
            id="kp-retention"
            type="range"
            min={0.7}
            max={0.97}
            step={0.01}
            value={settings.desiredRetention}
            aria-valuetext={`${Math.round(settings.desiredRetention * 100)} percent`}
            onChange={(e) => void save({ desiredRetention: Number(e.target.value) }, 'Desired retention')}
          />
          <small className="kp-muted">
            Higher means more reviews and fewer forgotten answers.{' '}
            {Math.round(DEFAULT_SETTINGS.desiredRetention * 100)}% suits most people.
          </small>
        </div>
        <div className="kp-field">
          <label htmlFor="kp-steps">Learning steps</label>
          <input
            id="kp-steps"
            type="text"
            value={stepsText ?? settings.learningSteps.join(' ')}
            aria-describedby="kp-steps-help"
            aria-invalid={stepsText !== null && parseSteps(stepsText) === null}
            onChange={(e) => {
              setStepsText(e.target.value);
              const steps = parseSteps(e.target.value);
              if (steps) void save({ learningSteps: steps }, 'Learning steps');
            }}
            onBlur={() => setStepsText(null)}
          />
          <small id="kp-steps-help" className="kp-muted">
            {stepsText !== null && parseSteps(stepsText) === null
              ? 'Each step is a number and a unit, e.g. "1m 10m" (s, m, h or d). Not saved yet.'
              : 'When a new card comes back while you learn it, e.g. "1m 10m".'}
          </small>
        </div>
      </section>
      <section aria-labelledby="kp-display-title" className="kp-card kp-settings__section">
        <h2 id="kp-display-title">Display</h2>
        <label className="kp-check">
          <input
            type="checkbox"
            checked={settings.showTimer}
            onChange={(e) => void save({ showTimer: e.target.checked }, 'Timer')}
          />
          <span>Show the time spent on each card</span>
        </label>
      </section>
      <StorageSection />
    </section>
  );
}
