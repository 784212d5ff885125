import { useId, type ChangeEvent } from "react";
import { Spinner } from "../ui/spinner.js";

/** A file picker that looks like the panel's main button; choosing files starts the upload. */
export function UploadButton({ busy, onFiles }: { busy: boolean; onFiles: (files: File[]) => void }) {
  const inputId = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // Cleared so choosing the same file again (after fixing it) fires a change.
    event.target.value = "";
    if (files.length > 0) onFiles(files);
  };
  return (
    <>
      <input id={inputId} type="file" multiple className="visually-hidden" onChange={onChange} disabled={busy} aria-label="Upload files" />
      <label htmlFor={inputId} className="button button-primary" aria-disabled={busy || undefined} data-busy={busy || undefined}>
        {busy && <Spinner size="small" />}
        {busy ? "Uploading…" : "Upload files"}
      </label>
    </>
  );
}
