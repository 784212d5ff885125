import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { useTRPC, useTRPCClient } from "../trpc/trpc.js";
import type { SendInput } from "./chat-types.js";
import { useHistoryKey } from "./use-message-history.js";

/**
 * Sends a message and waits for the answer (direct mode) or the plan (orchestrator). Stop aborts
 * the request: its connection closes, and the server stops the model call upstream.
 */
export function useSendMessage(sessionId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const historyKey = useHistoryKey(sessionId);
  const controller = useRef<AbortController>(undefined);

  const mutation = useMutation({
    mutationKey: trpc.chat.send.mutationKey(),
    mutationFn: (input: SendInput) => {
      controller.current = new AbortController();
      return client.chat.send.mutate(input, { signal: controller.current.signal });
    },
    // Awaited before the mutation settles, so the sent text stays on screen until the stored copy replaces it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyKey }),
  });

  return {
    send: (input: SendInput) => mutation.mutate(input),
    stop: () => controller.current?.abort(),
    /** What is on its way, until its stored copy replaces it on screen. */
    sent: mutation.isPending ? mutation.variables : undefined,
  };
}
