import { Link } from "../navigation/location.js";
import { projectPath, type ProjectSection } from "../navigation/route.js";

const tabs: Array<{ tab: ProjectSection["tab"]; label: string }> = [
  { tab: "chat", label: "Chat" },
  { tab: "agents", label: "Agents" },
  { tab: "files", label: "Files" },
  { tab: "usage", label: "Usage" },
];

export function ProjectTabs({ projectId, current }: { projectId: string; current: ProjectSection["tab"] }) {
  return (
    <nav className="tabs" aria-label="Project sections">
      {tabs.map(({ tab, label }) => (
        <Link key={tab} href={projectPath(projectId, { tab })} className="tab" aria-current={tab === current ? "page" : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
