// Add and edit cards: the same fields as a built-in card, checked with plain messages before anything is saved.
import { useEffect, useRef, useState } from 'react';
import { FormField, SaveRefused } from '../../components/form-field';
import { BROWSE_HREF, cardHref, go } from '../../components/routes';
import {
  type DraftField,
  errorWords,
  KIND_LABELS,
  KINDS,
  type Kind,
  LEVEL_LABELS,
  LEVELS,
  type Level,
  OWN_DECK,
  validateCardDraft,
} from '../../domain';
import { useDb } from '../../hooks/use-db';
import { createOwnCard, updateCard } from '../../storage/repositories/cards';
import {
  draftFrom,
  EMPTY_FORM,
  FIELD_ORDER,
  type Form,
  fieldId,
  formFrom,
  type ListName,
  type Row,
  row,
} from './editor-form';
import { ListField } from './list-field';
import { TextField } from './text-field';
import { useCardToEdit } from './use-card-to-edit';
import './editor.css';

export function EditorScreen({ cardId }: { cardId?: string }) {
  const db = useDb();
  const editing = cardId !== undefined;
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const focusRow = useRef<number | null>(null);

  const loaded = useCardToEdit(cardId, (card) => setForm(formFrom(card)));

  useEffect(() => {
    if (focusRow.current === null) return;
    document.getElementById(`kp-edit-row-${focusRow.current}`)?.focus();
    focusRow.current = null;
  });

  const title = editing ? 'Edit card' : 'Add card';
  if (loaded.status === 'loading') return <p className="kp-muted">Loading the card…</p>;
  if (loaded.status === 'missing') {
    return (
      <section className="kp-editor" aria-labelledby="kp-editor-title">
        <h1 id="kp-editor-title">{title}</h1>
        <p>This card is not on this device any more, so there is nothing to edit.</p>
        <p>
          <a href={BROWSE_HREF}>Back to Browse</a>
        </p>
      </section>
    );
  }

  const { card, deck } = loaded;
  const builtIn = card !== null && card.deckId !== OWN_DECK.id;
  // Messages appear once the user tried to save, then follow every change.
  const problems = submitted ? validateCardDraft(draftFrom(form)) : [];
  const errors = new Map<DraftField, string[]>();
  for (const p of problems) errors.set(p.field, [...(errors.get(p.field) ?? []), p.message]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const save = async (asCopy: boolean) => {
    setSubmitted(true);
    setSaveError(null);
    const draft = draftFrom(form);
    const found = validateCardDraft(draft);
    const first = FIELD_ORDER.find((f) => found.some((p) => p.field === f));
    if (first) {
      const target =
        first === 'keyPoints' || first === 'pitfalls'
          ? (document.querySelector<HTMLElement>(`#${fieldId(first)} textarea`) ??
            document.getElementById(`${fieldId(first)}-add`))
          : document.getElementById(fieldId(first));
      target?.focus();
      return;
    }
    setSaving(true);
    try {
      const saved =
        card && !asCopy
          ? await updateCard(db, card.id, draft, Date.now())
          : await createOwnCard(db, draft, Date.now());
      go(cardHref(saved.id));
    } catch (error) {
      setSaveError(errorWords(error, 'The card could not be saved. Nothing was changed; try again.'));
      setSaving(false);
    }
  };

  const listProps = (name: ListName) => ({
    name,
    rows: form[name],
    errors: errors.get(name) ?? [],
    onChange: (rows: Row[]) => set(name, rows),
    onAdd: () => {
      const added = row();
      focusRow.current = added.key;
      set(name, [...form[name], added]);
    },
  });

  return (
    <section className="kp-editor" aria-labelledby="kp-editor-title">
      <h1 id="kp-editor-title">{title}</h1>
      {builtIn && (
        <div className="kp-notice" role="note">
          <p>
            This card comes from the deck “{deck?.title ?? card.deckId}”. Your edits are saved on this device
            and your review history stays, but when that deck is updated (a new version of the app, or the
            same page imported again) its text replaces your edits.
          </p>
          <p>
            To keep your wording for good, save it as your own copy instead: the copy starts as a new card.
          </p>
        </div>
      )}
      <SaveRefused what="The card" problems={problems.length} error={saveError} />
      <form
        className="kp-editor__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <TextField
          field="question"
          label="Question"
          required
          rows={3}
          value={form.question}
          errors={errors.get('question') ?? []}
          onChange={(v) => set('question', v)}
        />
        <TextField
          field="context"
          label="Context (optional)"
          hint="Why the question is asked, or the situation it sets."
          rows={3}
          value={form.context}
          errors={errors.get('context') ?? []}
          onChange={(v) => set('context', v)}
        />
        <ListField
          {...listProps('keyPoints')}
          legend="Key points"
          itemLabel="Key point"
          hint={
            card
              ? 'What you must recall, one per box. Past reviews remember ticked key points by their position, so reordering or removing them changes how old reviews read.'
              : 'What you must recall, one per box.'
          }
          keepOne
        />
        <ListField
          {...listProps('pitfalls')}
          legend="What not to say (optional)"
          itemLabel="Pitfall"
          hint="Slips to avoid, one per box."
        />
        <TextField
          field="exampleAnswer"
          label="Example answer (optional)"
          rows={8}
          value={form.exampleAnswer}
          errors={errors.get('exampleAnswer') ?? []}
          onChange={(v) => set('exampleAnswer', v)}
        />
        <div className="kp-editor__pair">
          <FormField id={fieldId('level')} label="Level">
            {(control) => (
              <select {...control} value={form.level} onChange={(e) => set('level', e.target.value as Level)}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={fieldId('kind')} label="Kind">
            {(control) => (
              <select {...control} value={form.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <FormField
          id={fieldId('tags')}
          label="Tags (optional)"
          hint="Separate with commas, e.g. story, leadership."
          errors={errors.get('tags') ?? []}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={form.tags}
              autoComplete="off"
              onChange={(e) => set('tags', e.target.value)}
            />
          )}
        </FormField>
        <div className="kp-editor__actions">
          <button type="submit" className="kp-button kp-button--primary" disabled={saving}>
            {saving ? 'Saving…' : card ? 'Save changes' : 'Save card'}
          </button>
          {builtIn && (
            <button type="button" className="kp-button" disabled={saving} onClick={() => void save(true)}>
              Save as my own copy
            </button>
          )}
          <a className="kp-button" href={card ? cardHref(card.id) : BROWSE_HREF}>
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
