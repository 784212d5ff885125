export function FolderIcon() {
  return (
    <svg className="file-icon file-icon-folder" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M2.5 5.5a1.5 1.5 0 0 1 1.5-1.5h3.6l1.8 2H16a1.5 1.5 0 0 1 1.5 1.5v7A1.5 1.5 0 0 1 16 16H4a1.5 1.5 0 0 1-1.5-1.5v-9Z" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg className="file-icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M5.5 2.5h6l4 4v10a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1v-13a1 1 0 0 1 1-1Z" />
      <path d="M11.5 2.5v4h4" />
    </svg>
  );
}
