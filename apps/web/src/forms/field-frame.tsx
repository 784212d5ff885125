import type { ReactNode } from "react";
import { useFieldDescription } from "./field-description.js";
import { FieldLabel } from "./field-label.js";
import { FieldMessages } from "./field-messages.js";

/** What the control inside a field needs so its label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldFrameProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  optional: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

/** The label, the control and its messages: shared by every kind of text field. */
export function FieldFrame({ label, error, hint, optional, children }: FieldFrameProps) {
  const { id, hintId, errorId, describedBy } = useFieldDescription({ hint, error });
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <FieldLabel htmlFor={id} label={label} optional={optional} />
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      <FieldMessages hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}
