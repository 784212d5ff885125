import type { TextareaHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.js";

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

/** A labelled multi-line input whose hint and error are announced with it. */
export function TextAreaField({ label, name, value, onValueChange, error, hint, optional = false, ...props }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} optional={optional}>
      {(control) => (
        <textarea {...props} {...control} name={name} value={value} onChange={(event) => onValueChange(event.target.value)} className="input textarea" />
      )}
    </FieldFrame>
  );
}
