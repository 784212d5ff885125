import type { RouterOutputs } from "@codelab/sdk";

export type ChatSession = RouterOutputs["sessions"]["list"]["sessions"][number];

export const untitledSession = "New chat";

export function sessionTitle(session: ChatSession): string {
  return session.topic ?? untitledSession;
}

/** The sessions list shows one page of the largest size the API allows. */
export const sessionListInput = (projectId: string) => ({ projectId, limit: 100 });
