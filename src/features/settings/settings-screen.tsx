// Settings: daily limits, retention, day start, learning steps, learn ahead, the answer timer and its targets, recordings, and the state of storage.
import { useEffect, useState } from 'react';
import { FormField } from '../../components/form-field';
import { bytes as formatBytes } from '../../components/format';
import { SYNC_HREF } from '../../components/routes';
import { createWebSpeaker, speechSynthesisOrNull, type VoiceChoice } from '../../components/speech';
import {
  ANSWER_TARGET_BOUNDS,
  answerTargetRange,
  boundProblem,
  DEFAULT_SETTINGS,
  errorWords,
  KIND_LABELS,
  KINDS,
  type Kind,
  LISTEN_BOUNDS,
  type ListenSettings,
  minutesSeconds,
  SETTING_BOUNDS,
  type Settings,
  validateSettings,
} from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useSettings } from '../../hooks/use-settings';
import { AppVersion } from '../../pwa/app-version';
import { requestPersistence, type StorageInfo, storageInfo } from '../../pwa/persistence';
import { UpdatePrompt } from '../../pwa/update-prompt';
import { saveSettings } from '../../storage/repositories/settings-save';
import { OptimizerSection } from './optimizer-section';
import { RecordingsSection } from './recordings-section';
import './settings.css';

const { min: FIRST_HOUR, max: LAST_HOUR } = SETTING_BOUNDS.dayStartHour;
const HOURS = Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, i) => FIRST_HOUR + i);
/** "1m 10m" or "1m, 10m" → ['1m', '10m']. */
export function parseSteps(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * A time typed as "2:30" or "2" (minutes) → 150 seconds; null when it is neither. Seconds run from
 * 00 to 59, written with two digits, so "2:5" is not mistaken for 2:05 or 2:50.
 */
export function parseMinutesSeconds(text: string): number | null {
  const match = /^\s*(\d{1,3})\s*(?::\s*([0-5]\d))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2] ?? 0);
}

/** Why these learning steps would be refused (the settings' own rule, in its words), or null. */
export function stepsProblem(settings: Settings, steps: string[]): string | null {
  // An emptied field is most often a field being retyped: saving it would drop every step.
  if (steps.length === 0) return 'Write at least one step, e.g. 10m.';
  const problems = validateSettings({ ...settings, learningSteps: steps }).filter(
    (p) => p.field === 'learningSteps',
  );
  return problems.length ? problems.map((p) => p.message).join(' ') : null;
}

interface NumberFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  onSave: (value: number) => void;
}

/**
 * A number typed digit by digit: the field shows what is typed, not the stored value, until it is
 * left, so a save still in flight cannot overwrite the next keystroke.
 */
function NumberField({ id, label, hint, value, min, max, onSave }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <FormField id={id} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={draft ?? String(value)}
          onChange={(e) => {
            setDraft(e.target.value);
            // A half-typed number ("" or "-") is not saved: the stored value stays until it is one.
            const n = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(n)) onSave(n);
          }}
          onBlur={() => setDraft(null)}
        />
      )}
    </FormField>
  );
}

/**
 * A kind's target answer time, typed as minutes:seconds or minutes. Saved as soon as it reads as a
 * time within bounds; otherwise the field says why and the stored target stays.
 */
function TargetField({
  kind,
  seconds,
  onSave,
}: {
  kind: Kind;
  seconds: number;
  onSave: (s: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const problem =
    draft !== null && boundProblem(ANSWER_TARGET_BOUNDS, parseMinutesSeconds(draft)) !== null
      ? `A target ${answerTargetRange()}, e.g. 2:00 or 3. Not saved: it stays ${minutesSeconds(seconds)}.`
      : null;
  return (
    <FormField id={`kp-target-${kind}`} label={KIND_LABELS[kind]} errors={problem ? [problem] : []}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={6}
          value={draft ?? minutesSeconds(seconds)}
          onChange={(e) => {
            setDraft(e.target.value);
            const typed = parseMinutesSeconds(e.target.value);
            if (typed !== null && boundProblem(ANSWER_TARGET_BOUNDS, typed) === null) onSave(typed);
          }}
          onBlur={() => setDraft(null)}
        />
      )}
    </FormField>
  );
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

// Listen mode's settings: voice, rate, context, thinking pause, answer timeout, and a voice test.

const TEST_SENTENCE =
  'This is how Keypoints reads your cards. Tell me about a time you disagreed with your team.';

/** The voices, once the browser lists them (Chrome only after `voiceschanged`); null without speech. */
function useVoices(): VoiceChoice[] | null {
  const [voices, setVoices] = useState<VoiceChoice[] | null>(() => (speechSynthesisOrNull() ? [] : null));
  useEffect(() => {
    const synth = speechSynthesisOrNull();
    if (!synth) return;
    const read = () =>
      setVoices(
        synth
          .getVoices()
          .map((v) => ({ uri: v.voiceURI, name: v.name, lang: v.lang, local: v.localService })),
      );
    read();
    synth.addEventListener('voiceschanged', read);
    return () => synth.removeEventListener('voiceschanged', read);
  }, []);
  return voices;
}

function ListenSection({
  listen,
  save,
}: {
  listen: ListenSettings;
  save: (patch: Partial<ListenSettings>, what: string) => Promise<void>;
}) {
  const voices = useVoices();
  const [testing, setTesting] = useState<string | null>(null);
  const test = () => {
    const speaker = createWebSpeaker({ choice: () => ({ voice: listen.voice, rate: listen.rate }) });
    speaker.cancel();
    setTesting('Speaking…');
    speaker.speak(TEST_SENTENCE).then(
      () => setTesting(null),
      (e: unknown) => setTesting(errorWords(e, 'The voice did not speak.')),
    );
  };
  return (
    <section aria-labelledby="kp-listen-title" className="kp-card kp-settings__section">
      <h2 id="kp-listen-title">Listen mode</h2>
      {voices === null ? (
        <p className="kp-muted">This browser cannot read aloud: listen mode shows the text instead.</p>
      ) : (
        <FormField
          id="kp-voice"
          label="Voice"
          hint="Voices marked on device work offline; the others need the network."
        >
          {(control) => (
            <select
              {...control}
              value={listen.voice}
              onChange={(e) => void save({ voice: e.target.value }, 'Voice')}
            >
              <option value="">Automatic (an on-device voice first)</option>
              {voices.map((v) => (
                <option key={v.uri} value={v.uri}>
                  {`${v.name} (${v.lang}${v.local ? ', on device' : ', network'})`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormField
        id="kp-rate"
        label={
          <>
            Speech rate: <strong>{listen.rate.toFixed(2)}×</strong>
          </>
        }
      >
        {(control) => (
          <input
            {...control}
            type="range"
            min={LISTEN_BOUNDS.rate.min}
            max={LISTEN_BOUNDS.rate.max}
            step={0.05}
            value={listen.rate}
            aria-valuetext={`${listen.rate.toFixed(2)} times`}
            onChange={(e) => void save({ rate: Number(e.target.value) }, 'Speech rate')}
          />
        )}
      </FormField>
      <label className="kp-check">
        <input
          type="checkbox"
          checked={listen.readContext}
          onChange={(e) => void save({ readContext: e.target.checked }, 'Reading the context')}
        />
        <span>Read each card's context after its question</span>
      </label>
      <NumberField
        id="kp-think"
        label="Thinking pause (seconds)"
        hint="Silence after the question, to say your answer before the key points are read."
        min={LISTEN_BOUNDS.thinkSeconds.min}
        max={LISTEN_BOUNDS.thinkSeconds.max}
        value={listen.thinkSeconds}
        onSave={(n) => void save({ thinkSeconds: n }, 'Thinking pause')}
      />
      <NumberField
        id="kp-answer-timeout"
        label="Answer timeout (seconds)"
        hint="With no grade by then, the card is skipped: it stays due and nothing is recorded."
        min={LISTEN_BOUNDS.answerTimeoutSeconds.min}
        max={LISTEN_BOUNDS.answerTimeoutSeconds.max}
        value={listen.answerTimeoutSeconds}
        onSave={(n) => void save({ answerTimeoutSeconds: n }, 'Answer timeout')}
      />
      {voices !== null && (
        <p>
          <button type="button" className="kp-button" onClick={test}>
            Test voice
          </button>{' '}
          <span role="status">{testing}</span>
        </p>
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
  const stepsError = stepsText === null ? null : stepsProblem(settings, parseSteps(stepsText));

  const save = async (patch: Partial<Settings>, what: string) => {
    try {
      await saveSettings(db, patch);
      setError(null);
      setSaved(`${what} saved.`);
    } catch (e) {
      setError(errorWords(e, 'Could not save the setting. Try again.'));
    }
  };

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
      <section aria-labelledby="kp-sync-link-title" className="kp-card kp-settings__section">
        <h2 id="kp-sync-link-title">Sync</h2>
        <p>
          Keep your cards and reviews the same on your phone and your laptop, through a server of your own,
          encrypted: <a href={SYNC_HREF}>open Sync</a>.
        </p>
      </section>
      <section aria-labelledby="kp-daily-title" className="kp-card kp-settings__section">
        <h2 id="kp-daily-title">Daily limits</h2>
        <NumberField
          id="kp-new-per-day"
          label="New cards per day"
          min={SETTING_BOUNDS.newPerDay.min}
          max={SETTING_BOUNDS.newPerDay.max}
          value={settings.newPerDay}
          onSave={(n) => void save({ newPerDay: n }, 'New cards per day')}
        />
        <NumberField
          id="kp-max-reviews"
          label="Maximum reviews per day"
          min={SETTING_BOUNDS.maxReviewsPerDay.min}
          max={SETTING_BOUNDS.maxReviewsPerDay.max}
          value={settings.maxReviewsPerDay}
          onSave={(n) => void save({ maxReviewsPerDay: n }, 'Maximum reviews per day')}
        />
        <FormField id="kp-day-start" label="A new day starts at">
          {(control) => (
            <select
              {...control}
              value={settings.dayStartHour}
              onChange={(e) => void save({ dayStartHour: Number(e.target.value) }, 'Day start')}
            >
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          )}
        </FormField>
      </section>
      <section aria-labelledby="kp-sched-title" className="kp-card kp-settings__section">
        <h2 id="kp-sched-title">Scheduling</h2>
        <FormField
          id="kp-retention"
          label={
            <>
              Desired retention: <strong>{Math.round(settings.desiredRetention * 100)}%</strong>
            </>
          }
          hint={`Higher means more reviews and fewer forgotten answers. ${Math.round(DEFAULT_SETTINGS.desiredRetention * 100)}% suits most people.`}
        >
          {(control) => (
            <input
              {...control}
              type="range"
              min={SETTING_BOUNDS.desiredRetention.min}
              max={SETTING_BOUNDS.desiredRetention.max}
              step={0.01}
              value={settings.desiredRetention}
              aria-valuetext={`${Math.round(settings.desiredRetention * 100)} percent`}
              onChange={(e) => void save({ desiredRetention: Number(e.target.value) }, 'Desired retention')}
            />
          )}
        </FormField>
        {/* The hint itself turns into the reason while the steps typed cannot be saved. */}
        <FormField
          id="kp-steps"
          label="Learning steps"
          hint={
            stepsError !== null
              ? `${stepsError} Not saved: your steps stay ${settings.learningSteps.join(' ') || 'none'}.`
              : 'When a new card comes back while you learn it, e.g. "1m 10m" (m, h or d).'
          }
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={stepsText ?? settings.learningSteps.join(' ')}
              aria-invalid={stepsError !== null}
              onChange={(e) => {
                setStepsText(e.target.value);
                const steps = parseSteps(e.target.value);
                if (stepsProblem(settings, steps) === null)
                  void save({ learningSteps: steps }, 'Learning steps');
              }}
              onBlur={() => setStepsText(null)}
            />
          )}
        </FormField>
        <NumberField
          id="kp-learn-ahead"
          label="Learn ahead limit (minutes)"
          hint={`When nothing else is left, a learning card due within this many minutes comes at once instead of "Next card soon". 0 waits for each card's minute.`}
          min={SETTING_BOUNDS.learnAheadMinutes.min}
          max={SETTING_BOUNDS.learnAheadMinutes.max}
          value={settings.learnAheadMinutes}
          onSave={(n) => void save({ learnAheadMinutes: n }, 'Learn ahead limit')}
        />
      </section>
      <section aria-labelledby="kp-timer-title" className="kp-card kp-settings__section">
        <h2 id="kp-timer-title">Answer timer</h2>
        <label className="kp-check">
          <input
            type="checkbox"
            checked={settings.showTimer}
            onChange={(e) => void save({ showTimer: e.target.checked }, 'Timer')}
          />
          <span>Show the answer timer</span>
        </label>
        <p className="kp-muted">
          While you answer, a quiet countdown shows the time left of the target for the card's kind, then the
          time over it. A card's history keeps how far over each answer ran.
        </p>
        <fieldset className="kp-settings__targets">
          <legend>Target time per answer (minutes:seconds, or minutes)</legend>
          {KINDS.map((kind) => (
            <TargetField
              key={kind}
              kind={kind}
              seconds={settings.answerTargetSeconds[kind]}
              onSave={(seconds) =>
                void save(
                  { answerTargetSeconds: { ...settings.answerTargetSeconds, [kind]: seconds } },
                  `${KIND_LABELS[kind]} target`,
                )
              }
            />
          ))}
        </fieldset>
      </section>
      <ListenSection
        listen={settings.listen}
        save={(patch, what) => save({ listen: { ...settings.listen, ...patch } }, what)}
      />
      <OptimizerSection settings={settings} />
      <RecordingsSection settings={settings} save={save} />
      <StorageSection />
      <AppVersion />
    </section>
  );
}
