import { Spinner } from "./spinner.js";

export function PageLoader({ label }: { label: string }) {
  return (
    <div className="page-loader" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
