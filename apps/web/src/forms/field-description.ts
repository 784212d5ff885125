import { useId } from "react";

/** Ids tying a control to its hint and error, so both are read out with it. */
export function useFieldDescription({ hint, error }: { hint?: string | undefined; error?: string | undefined }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ");
  return { id, hintId, errorId, describedBy: describedBy || undefined };
}
