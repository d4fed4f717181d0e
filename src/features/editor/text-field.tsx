// One free-text field of the card editor: a labelled textarea with its hint and messages.
import { FormField } from '../../components/form-field';
import type { DraftField } from '../../domain';
import { fieldId } from './editor-form';

export function TextField({
  field,
  label,
  hint,
  required,
  rows,
  value,
  errors,
  onChange,
}: {
  field: DraftField;
  label: string;
  hint?: string;
  required?: boolean;
  rows: number;
  value: string;
  errors: readonly string[];
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={fieldId(field)} label={label} hint={hint} errors={errors}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={value}
          required={required}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
