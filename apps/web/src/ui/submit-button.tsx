import { Spinner } from "./spinner.js";

export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
      {pending && <Spinner size="small" />}
      {pending ? pendingLabel : label}
    </button>
  );
}
