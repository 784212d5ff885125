import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { searchMemoriesInput } from "@codelab/contracts";
import { validate } from "../forms/validate.js";
import { useTRPC } from "../trpc/trpc.js";
import { Dialog } from "../ui/dialog.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { useToasts } from "../ui/toaster.js";
import type { Agent } from "./agent-types.js";
import { MemoryItem } from "./memory-item.js";

const pageSize = 10;

function MemoryPager({ offset, total, onOffsetChange }: { offset: number; total: number; onOffsetChange: (offset: number) => void }) {
  if (total <= pageSize) return null;
  return (
    <nav className="pager" aria-label="Memory pages">
      <button type="button" className="button button-small" disabled={offset === 0} onClick={() => onOffsetChange(offset - pageSize)}>
        Newer
      </button>
      <span>
        {offset + 1}–{Math.min(offset + pageSize, total)} of {total}
      </span>
      <button type="button" className="button button-small" disabled={offset + pageSize >= total} onClick={() => onOffsetChange(offset + pageSize)}>
        Older
      </button>
    </nav>
  );
}

/** Browse an agent's long-term memory page by page, search it by meaning, and forget entries. */
export function MemoryDialog({ projectId, agent, onClose }: { projectId: string; agent: Agent; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const [offset, setOffset] = useState(0);
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState<string | undefined>();
  const [queryError, setQueryError] = useState<string | undefined>();
  const scope = { projectId, agentId: agent.id };

  const list = useQuery({ ...trpc.agents.memories.list.queryOptions({ ...scope, limit: pageSize, offset }), placeholderData: keepPreviousData });
  const search = useQuery({ ...trpc.agents.memories.search.queryOptions({ ...scope, query: query ?? "", limit: 20 }), enabled: query !== undefined });
  const remove = useMutation(
    trpc.agents.memories.delete.mutationOptions({
      onSuccess: async () => {
        toasts.show("success", "Memory deleted");
        await queryClient.invalidateQueries(trpc.agents.memories.pathFilter());
      },
    }),
  );

  const deleting = (memoryId: string) => remove.isPending && remove.variables.memoryId === memoryId;
  const forget = (memoryId: string) => remove.mutate({ ...scope, memoryId });
  const searching = query !== undefined;

  return (
    <Dialog
      title={`${agent.name}'s memory`}
      description="What the agent remembers between chats. Relevant memories are added to its prompt."
      onClose={onClose}
      size="large"
    >
      <form
        className="memory-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const result = validate(searchMemoriesInput, { ...scope, query: draft });
          setQueryError(result.ok ? undefined : result.errors.query);
          if (result.ok) setQuery(result.data.query);
        }}
      >
        <label htmlFor="memory-query" className="visually-hidden">
          Search memories
        </label>
        <input
          id="memory-query"
          className="input"
          type="search"
          placeholder="Search by meaning, e.g. “database conventions”"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          aria-invalid={queryError ? true : undefined}
          aria-describedby={queryError ? "memory-query-error" : undefined}
        />
        <button type="submit" className="button">
          Search
        </button>
        {searching && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              setQuery(undefined);
              setDraft("");
            }}
          >
            Clear
          </button>
        )}
      </form>
      {queryError && (
        <p id="memory-query-error" className="field-error">
          {queryError}
        </p>
      )}

      {searching ? (
        search.isPending ? (
          <p className="muted" role="status">
            Searching…
          </p>
        ) : search.isError ? (
          <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
        ) : search.data.memories.length === 0 ? (
          <p className="empty-inline">No memory matches “{query}”.</p>
        ) : (
          <ul className="memory-list" aria-label="Search results">
            {search.data.memories.map((memory) => (
              <MemoryItem key={memory.id} memory={memory} score={memory.score} deleting={deleting(memory.id)} onDelete={() => forget(memory.id)} />
            ))}
          </ul>
        )
      ) : list.isPending ? (
        <div aria-busy="true" aria-label="Loading memories">
          <span className="skeleton skeleton-row" />
          <span className="skeleton skeleton-row" />
        </div>
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.total === 0 ? (
        <p className="empty-inline">Nothing remembered yet. Memories are added as the agent works.</p>
      ) : (
        <>
          <ul className="memory-list" aria-label="Memories">
            {list.data.memories.map((memory) => (
              <MemoryItem key={memory.id} memory={memory} deleting={deleting(memory.id)} onDelete={() => forget(memory.id)} />
            ))}
          </ul>
          <MemoryPager offset={offset} total={list.data.total} onOffsetChange={setOffset} />
        </>
      )}
    </Dialog>
  );
}
