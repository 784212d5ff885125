import type { ReactNode } from "react";
import { Dialog } from "./dialog.js";
import { Spinner } from "./spinner.js";

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something that cannot be undone; the safe choice has focus first. */
export function ConfirmDialog({ title, children, confirmLabel, pending, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} size="small">
      <div className="confirm-text">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={pending} aria-busy={pending || undefined}>
          {pending && <Spinner size="small" />}
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
