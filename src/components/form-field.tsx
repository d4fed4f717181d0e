// One labelled field: its label, the control, an optional hint and the messages that say what to fix.
import type { ReactNode } from 'react';
import { pluralWord } from '../domain/words';
import './form-field.css';

/** What the control inside a field must carry so the label, hint and messages belong to it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

export interface FormFieldProps {
  /** The control's id; the hint and messages are named after it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Messages about the current value; the control is marked invalid while there are any. */
  errors?: readonly string[];
  /** Renders the control with the props that tie it to the label, hint and messages. */
  children: (control: FieldControlProps) => ReactNode;
}

export function FormField({ id, label, hint, errors = [], children }: FormFieldProps) {
  const describedBy = [hint !== undefined && hintId(id), errors.length > 0 && errorId(id)]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="kp-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': errors.length > 0 || undefined,
      })}
      {hint !== undefined && (
        <span id={hintId(id)} className="kp-field__hint">
          {hint}
        </span>
      )}
      <FieldErrors id={errorId(id)} messages={errors} />
    </div>
  );
}

/** A field's messages, or nothing; also used by groups of controls (a fieldset) outside FormField. */
export function FieldErrors({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="kp-field__error">
      {messages.join(' ')}
    </span>
  );
}

/**
 * Above a form whose save was refused: how many fields to fix (each says what at the field), or
 * the storage error's words. Nothing when neither.
 */
export function SaveRefused({
  what,
  problems,
  error,
}: {
  /** "The card", "The interview". */
  what: string;
  problems: number;
  error: string | null;
}) {
  return (
    <>
      {problems > 0 && (
        <div className="kp-alert" role="alert">
          {what} was not saved: fix {pluralWord(problems, 'the problem', `the ${problems} problems`)} marked
          below.
        </div>
      )}
      {error && (
        <div className="kp-alert" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
