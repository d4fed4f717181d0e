// The editor's list of key points (or pitfalls): one box per item, each removable, and a button to add one.
import { FieldErrors } from '../../components/form-field';
import { errorId, fieldId, type ListName, type Row } from './editor-form';

export function ListField({
  name,
  legend,
  itemLabel,
  hint,
  rows,
  errors,
  keepOne,
  onChange,
  onAdd,
}: {
  name: ListName;
  legend: string;
  itemLabel: string;
  hint: string;
  rows: readonly Row[];
  errors: readonly string[];
  keepOne?: boolean;
  onChange: (rows: Row[]) => void;
  onAdd: () => void;
}) {
  const id = fieldId(name);
  const describedBy = [`${id}-hint`, errors.length > 0 && errorId(name)].filter(Boolean).join(' ');
  return (
    <fieldset id={id} className="kp-editor__list" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <span id={`${id}-hint`} className="kp-field__hint">
        {hint}
      </span>
      <FieldErrors id={errorId(name)} messages={errors} />
      <ol>
        {rows.map((r, i) => (
          <li key={r.key} className="kp-editor__row">
            <label className="kp-visually-hidden" htmlFor={`kp-edit-row-${r.key}`}>
              {itemLabel} {i + 1}
            </label>
            <textarea
              id={`kp-edit-row-${r.key}`}
              rows={2}
              value={r.text}
              aria-invalid={errors.length > 0 || undefined}
              onChange={(e) =>
                onChange(rows.map((x) => (x.key === r.key ? { ...x, text: e.target.value } : x)))
              }
            />
            {!(keepOne && rows.length === 1) && (
              <button
                type="button"
                className="kp-button kp-editor__remove"
                aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`}
                onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      <button type="button" id={`${id}-add`} className="kp-button" onClick={onAdd}>
        Add {itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
