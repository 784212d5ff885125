import type { InputHTMLAttributes } from "react";
import { useFieldDescription } from "./field-description.js";
import { FieldMessages } from "./field-messages.js";
import { FieldLabel } from "./field-label.js";

type NativeInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "name">;

export interface TextFieldProps extends NativeInputProps {
  label: string;
  name: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
}

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, name, value, onValueChange, error, hint, optional = false, ...inputProps }: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldDescription({ hint, error });
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <FieldLabel htmlFor={id} label={label} optional={optional} />
      <input
        {...inputProps}
        id={id}
        name={name}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="input"
      />
      <FieldMessages hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}
