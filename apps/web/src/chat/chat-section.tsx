import { SessionList } from "../sessions/session-list.js";
import { ChatView } from "./chat-view.js";
import { ChatWelcome } from "./chat-welcome.js";

export function ChatSection({ projectId, sessionId }: { projectId: string; sessionId: string | undefined }) {
  return (
    <div className={sessionId ? "chat-layout chat-layout-open" : "chat-layout"}>
      <SessionList projectId={projectId} activeSessionId={sessionId} />
      {sessionId ? <ChatView key={sessionId} projectId={projectId} sessionId={sessionId} /> : <ChatWelcome projectId={projectId} />}
    </div>
  );
}
