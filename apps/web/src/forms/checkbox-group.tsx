import { useFieldDescription } from "./field-description.js";
import { FieldMessages } from "./field-messages.js";

export interface CheckboxGroupProps<Option extends string> {
  legend: string;
  name: string;
  options: readonly Option[];
  selected: readonly Option[];
  onSelectedChange: (selected: Option[]) => void;
  error?: string | undefined;
  hint?: string;
}

/** A fieldset of checkboxes; the selection keeps the options' order. */
export function CheckboxGroup<Option extends string>({
  legend,
  name,
  options,
  selected,
  onSelectedChange,
  error,
  hint,
}: CheckboxGroupProps<Option>) {
  const { hintId, errorId, describedBy } = useFieldDescription({ hint, error });
  return (
    <fieldset className={error ? "field checkbox-group field-invalid" : "field checkbox-group"} aria-describedby={describedBy}>
      <legend className="field-label">{legend}</legend>
      <div className="checkbox-options">
        {options.map((option) => (
          <label key={option} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={option}
              checked={selected.includes(option)}
              onChange={(event) =>
                onSelectedChange(
                  options.filter((candidate) => (candidate === option ? event.target.checked : selected.includes(candidate))),
                )
              }
            />
            <span className="mono">{option}</span>
          </label>
        ))}
      </div>
      <FieldMessages hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </fieldset>
  );
}
