import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';

/**
 * Asks before a statutory act is sent: a modal dialog stating the act and its legal effect. The page behind is inert
 * while it is open; Tab and Shift+Tab cycle between its two buttons; Esc cancels; the focus starts on 取消 (so a
 * stray Enter does not send the act) and returns where it was when the dialog closes.
 */
export function ConfirmDialog({
  open,
  title,
  question,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  /** The act, e.g. 不同意. */
  title: string;
  /** The act and its legal effect, e.g. 确认不予共享？该答复将送达需求部门，需求部门可提出异议。 */
  question: string;
  /** The confirm button's accessible name: says what it sends. */
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      returnTo.current?.focus();
    }
  }, [open]);

  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    const focusable = [...(ref.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [])];
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-question"
      data-testid="confirm-dialog"
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Esc: close through our state, so the focus goes back.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-question">{question}</p>
      <div className="confirm-buttons">
        <button type="button" ref={cancelRef} className="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
