// The editor's key-point list on its own: one labelled box per item, Remove per box (never the last kept one), Add.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Row } from '../../src/features/editor/editor-form';
import { ListField } from '../../src/features/editor/list-field';

afterEach(cleanup);

function renderList(rows: Row[], keepOne = true) {
  const onChange = vi.fn();
  const onAdd = vi.fn();
  render(
    <ListField
      name="keyPoints"
      legend="Key points"
      itemLabel="Key point"
      hint="What you must recall, one per box."
      rows={rows}
      errors={[]}
      keepOne={keepOne}
      onChange={onChange}
      onAdd={onAdd}
    />,
  );
  return { onChange, onAdd, user: userEvent.setup() };
}

describe('ListField', () => {
  it('labels each box by its position and removes the one asked for', async () => {
    const { onChange, user } = renderList([
      { key: 1, text: 'first' },
      { key: 2, text: 'second' },
    ]);
    expect(screen.getByRole('group', { name: 'Key points' })).toBeInTheDocument();
    expect(screen.getByLabelText('Key point 2')).toHaveValue('second');
    await user.click(screen.getByRole('button', { name: 'Remove key point 1' }));
    expect(onChange).toHaveBeenCalledWith([{ key: 2, text: 'second' }]);
  });

  it('keeps the last box of a list that must hold one, and adds on request', async () => {
    const { onAdd, user } = renderList([{ key: 1, text: '' }]);
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add key point' }));
    expect(onAdd).toHaveBeenCalledOnce();
  });
});
