// Add and edit an interview: its name, moment, the cards it covers and its plan's numbers, checked before saving.
import { useEffect, useState } from 'react';
import { FieldErrors, FormField, SaveRefused } from '../../components/form-field';
import { go, interviewHref } from '../../components/routes';
import { count, errorWords, KIND_LABELS, KINDS, LEVEL_LABELS, LEVELS, number } from '../../domain';
import { covers, INTERVIEW_BOUNDS, type Interview, validateInterviewDraft } from '../../domain/interview';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { getInterview, saveInterview } from '../../storage/repositories/interviews';
import { coverChoices } from '../../storage/repositories/readiness-views';
import {
  coversOf,
  DEFAULT_TIME,
  draftFrom,
  emptyForm,
  fieldOf,
  formFrom,
  INTERVIEW_FIELDS,
  type InterviewField,
  type InterviewForm,
} from './interview-form';
import './interviews.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; interview: Interview | null };

type ListKey = 'deckIds' | 'levels' | 'kinds' | 'tags';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** A group of checkboxes; none ticked means no filter on that field. */
function Choices<T extends string>({
  legend,
  values,
  chosen,
  label,
  onToggle,
}: {
  legend: string;
  values: readonly T[];
  chosen: readonly T[];
  label: (value: T) => string;
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className="kp-interview-editor__choices">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="kp-interview-editor__chip">
          <input type="checkbox" checked={chosen.includes(value)} onChange={() => onToggle(value)} />
          {label(value)}
        </label>
      ))}
    </fieldset>
  );
}

export function InterviewEditorScreen({ interviewId }: { interviewId?: string }) {
  const db = useDb();
  const editing = interviewId !== undefined;
  const [form, setForm] = useState<InterviewForm>(emptyForm);
  const [loaded, setLoaded] = useState<Loaded>(
    editing ? { status: 'loading' } : { status: 'ready', interview: null },
  );
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const choices = useLive(() => coverChoices(db), [db]);

  // Read once: a change elsewhere never overwrites what is being typed.
  useEffect(() => {
    if (interviewId === undefined) return;
    let cancelled = false;
    void getInterview(db, interviewId).then((interview) => {
      if (cancelled) return;
      if (!interview) return setLoaded({ status: 'missing' });
      setForm(formFrom(interview));
      setLoaded({ status: 'ready', interview });
    });
    return () => {
      cancelled = true;
    };
  }, [db, interviewId]);

  const title = editing ? 'Edit interview' : 'Add interview';
  if (loaded.status === 'loading') return <p className="kp-muted">Loading the interview…</p>;
  if (loaded.status === 'missing') {
    return (
      <section className="kp-interview-editor" aria-labelledby="kp-interview-editor-title">
        <h1 id="kp-interview-editor-title">{title}</h1>
        <p>This interview is not on this device any more, so there is nothing to edit.</p>
        <p>
          <a href={interviewHref()}>Back to Interviews</a>
        </p>
      </section>
    );
  }

  const existing = loaded.interview;
  const draft = draftFrom(form);
  // A new or moved date must still be ahead; renaming a past interview is fine.
  const check = (now: number) =>
    validateInterviewDraft(draft, existing && existing.at === draft.at ? undefined : now);
  const problems = submitted ? check(Date.now()) : [];
  const errors = new Map<InterviewField, string[]>();
  for (const p of problems) {
    const field = fieldOf(p.field);
    errors.set(field, [...(errors.get(field) ?? []), p.message]);
  }
  const set = <K extends keyof InterviewForm>(key: K, value: InterviewForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggleIn = (key: ListKey, value: string) =>
    setForm((f) => ({ ...f, [key]: toggle(f[key] as string[], value) }));

  const selection = coversOf(form);
  const covered = choices?.cards.filter((c) => covers({ covers: selection }, c)).length;

  const save = async () => {
    setSubmitted(true);
    setSaveError(null);
    const found = check(Date.now());
    const first = (Object.keys(INTERVIEW_FIELDS) as InterviewField[]).find((f) =>
      found.some((p) => fieldOf(p.field) === f),
    );
    if (first) {
      document.getElementById(INTERVIEW_FIELDS[first])?.focus();
      return;
    }
    setSaving(true);
    try {
      await saveInterview(db, draft, Date.now(), existing?.id);
      go(interviewHref());
    } catch (error) {
      setSaveError(errorWords(error, 'The interview could not be saved. Nothing was changed; try again.'));
      setSaving(false);
    }
  };

  const { dailyMinutes, leadDays, target } = INTERVIEW_BOUNDS;
  return (
    <section className="kp-interview-editor" aria-labelledby="kp-interview-editor-title">
      <h1 id="kp-interview-editor-title">{title}</h1>
      <SaveRefused what="The interview" problems={problems.length} error={saveError} />
      <form
        className="kp-interview-editor__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FormField
          id={INTERVIEW_FIELDS.name}
          label="Name"
          hint="For example “Amazon loop” or “Phone screen”."
          errors={errors.get('name')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="off"
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </FormField>
        <div className="kp-interview-editor__pair">
          <FormField id={INTERVIEW_FIELDS.at} label="Date" errors={errors.get('at')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={form.date}
                onChange={(e) => set('date', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="kp-interview-time"
            label="Time (optional)"
            hint={`Without a time, ${DEFAULT_TIME} is assumed.`}
          >
            {(control) => (
              <input
                {...control}
                type="time"
                value={form.time}
                onChange={(e) => set('time', e.target.value)}
              />
            )}
          </FormField>
        </div>
        <fieldset
          id={INTERVIEW_FIELDS.covers}
          className="kp-interview-editor__covers"
          tabIndex={-1}
          aria-describedby={`kp-interview-covers-count${errors.has('covers') ? ' kp-interview-covers-error' : ''}`}
        >
          <legend>Cards it covers</legend>
          <p className="kp-field__hint">Tick nothing in a group to take every card of it.</p>
          {choices && choices.decks.length > 1 && (
            <Choices
              legend="Decks"
              values={choices.decks.map((d) => d.id)}
              chosen={form.deckIds}
              label={(id) => choices.decks.find((d) => d.id === id)?.title ?? id}
              onToggle={(id) => toggleIn('deckIds', id)}
            />
          )}
          <Choices
            legend="Levels"
            values={LEVELS}
            chosen={form.levels}
            label={(l) => LEVEL_LABELS[l]}
            onToggle={(l) => toggleIn('levels', l)}
          />
          <Choices
            legend="Kinds"
            values={KINDS}
            chosen={form.kinds}
            label={(k) => KIND_LABELS[k]}
            onToggle={(k) => toggleIn('kinds', k)}
          />
          {choices && choices.tags.length > 0 && (
            <Choices
              legend="Tags (a card with any of them)"
              values={choices.tags}
              chosen={form.tags}
              label={(t) => t}
              onToggle={(t) => toggleIn('tags', t)}
            />
          )}
          <p id="kp-interview-covers-count" className="kp-interview-editor__count" role="status">
            {covered === undefined
              ? 'Counting the cards…'
              : covered === 0
                ? 'No card matches this choice yet.'
                : `Covers ${count(covered, 'card')} of ${number(choices?.cards.length ?? 0)}.`}
          </p>
          <FieldErrors id="kp-interview-covers-error" messages={errors.get('covers') ?? []} />
        </fieldset>
        <div className="kp-interview-editor__numbers">
          <FormField
            id={INTERVIEW_FIELDS.dailyMinutes}
            label="Minutes per day"
            hint="The study time the plan may fill each day."
            errors={errors.get('dailyMinutes')}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={dailyMinutes.min}
                max={dailyMinutes.max}
                step={1}
                value={form.dailyMinutes}
                onChange={(e) => set('dailyMinutes', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={INTERVIEW_FIELDS.leadDays}
            label="Days of lead"
            hint="Every card is first studied at least this many days before."
            errors={errors.get('leadDays')}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={leadDays.min}
                max={leadDays.max}
                step={1}
                value={form.leadDays}
                onChange={(e) => set('leadDays', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={INTERVIEW_FIELDS.target}
            label="Target recall (%)"
            hint="Cards predicted under it on the day get extra reviews."
            errors={errors.get('target')}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={Math.round(target.min * 100)}
                max={Math.round(target.max * 100)}
                step={1}
                value={form.targetPercent}
                onChange={(e) => set('targetPercent', e.target.value)}
              />
            )}
          </FormField>
        </div>
        <div className="kp-interview-editor__actions">
          <button type="submit" className="kp-button kp-button--primary" disabled={saving}>
            {saving ? 'Saving…' : editing ? 'Save changes' : 'Save interview'}
          </button>
          <a className="kp-button" href={interviewHref()}>
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
