import type { InputHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.js";

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
  return (
    <FieldFrame label={label} error={error} hint={hint} optional={optional}>
      {(control) => (
        <input {...inputProps} {...control} name={name} value={value} onChange={(event) => onValueChange(event.target.value)} className="input" />
      )}
    </FieldFrame>
  );
}
