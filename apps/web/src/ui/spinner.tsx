export function Spinner({ size = "medium" }: { size?: "small" | "medium" }) {
  return <span className={`spinner spinner-${size}`} aria-hidden="true" />;
}
