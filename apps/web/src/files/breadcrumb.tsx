import { foldersOf } from "./workspace-path.js";

/** Where the listed folder is, from the workspace root; every folder above it can be opened. */
export function Breadcrumb({ folder, onOpen }: { folder: string; onOpen: (path: string) => void }) {
  const folders = foldersOf(folder);
  return (
    <nav className="breadcrumb" aria-label="Folder">
      <ol>
        <li>
          {folder === "" ? (
            <span aria-current="location">Workspace</span>
          ) : (
            <button type="button" className="link-button" onClick={() => onOpen("")}>
              Workspace
            </button>
          )}
        </li>
        {folders.map((step, index) => (
          <li key={step.path}>
            {index === folders.length - 1 ? (
              <span aria-current="location">{step.name}</span>
            ) : (
              <button type="button" className="link-button" onClick={() => onOpen(step.path)}>
                {step.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
