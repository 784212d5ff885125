import type { TextareaHTMLAttributes } from "react";
import { useFieldDescription } from "./field-description.js";
import { FieldLabel } from "./field-label.js";
import { FieldMessages } from "./field-messages.js";

type NativeTextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange" | "name">;

export interface TextAreaFieldProps extends NativeTextAreaProps {
  label: string;
  name: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
}

export function TextAreaField({ label, name, value, onValueChange, error, hint, optional = false, ...props }: TextAreaFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldDescription({ hint, error });
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <FieldLabel htmlFor={id} label={label} optional={optional} />
      <textarea
        {...props}
        id={id}
        name={name}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="input textarea"
      />
      <FieldMessages hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}
