export function FieldLabel({ htmlFor, label, optional }: { htmlFor: string; label: string; optional: boolean }) {
  return (
    <label htmlFor={htmlFor} className="field-label">
      {label}
      {optional && <span className="field-optional">Optional</span>}
    </label>
  );
}
