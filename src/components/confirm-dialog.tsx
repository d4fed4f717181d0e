// Asks before an action that cannot be taken back: a titled box with the consequences, the action and Cancel.
import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  title: string;
  /** Names the action itself ("Delete card"), never a bare "OK". */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** The heading's level where the box appears in the page's outline. */
  headingLevel?: 2 | 3;
  /**
   * 'alertdialog' for an action that replaces everything: announced at once. Otherwise a labelled
   * region in the page's flow.
   */
  role?: 'region' | 'alertdialog';
  /** The box's look where it sits (each screen frames it its own way). */
  className?: string;
  actionsClassName?: string;
  /** The consequences, in a sentence or two. */
  children: ReactNode;
}

export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  headingLevel = 2,
  role = 'region',
  className,
  actionsClassName,
  children,
}: ConfirmDialogProps) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The focus moves to the question so a keyboard or screen-reader user hears it before the buttons.
  useEffect(() => heading.current?.focus(), []);
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const body = (
    <>
      <Heading id={`${id}-title`} tabIndex={-1} ref={heading}>
        {title}
      </Heading>
      <p id={`${id}-text`}>{children}</p>
      <div className={actionsClassName}>
        <button type="button" className="kp-button kp-button--danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="kp-button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
  return role === 'alertdialog' ? (
    <div
      className={className}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
    >
      {body}
    </div>
  ) : (
    <section className={className} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      {body}
    </section>
  );
}
