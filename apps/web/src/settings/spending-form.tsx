import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { updateUserSettingsInput } from "@codelab/contracts";
import type { RouterOutputs } from "@codelab/sdk";
import { numberInput } from "../forms/number-input.js";
import { TextField } from "../forms/text-field.js";
import { useContractForm } from "../forms/use-contract-form.js";
import { serverFieldErrors } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SubmitButton } from "../ui/submit-button.js";
import { useToasts } from "../ui/toaster.js";

type Settings = RouterOutputs["settings"]["get"];

export function SpendingForm({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const [threshold, setThreshold] = useState(String(settings.approvalThresholdUsd));
  const [budget, setBudget] = useState(settings.dailyBudgetUsd === null ? "" : String(settings.dailyBudgetUsd));
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
        toasts.show("success", "Spending limits saved");
        onDone();
      },
    }),
  );
  // An empty budget means no cap, which the contract spells null.
  const values = { approvalThresholdUsd: numberInput(threshold), dailyBudgetUsd: budget.trim() ? numberInput(budget) : null };
  const { errors, handleSubmit } = useContractForm(updateUserSettingsInput, { values, onValid: (input) => update.mutate(input) });
  const fromServer = serverFieldErrors(update.error);
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {update.error && Object.keys(fromServer).length === 0 && <ErrorAlert error={update.error} />}
      <TextField
        label="Ask before plans costing more than (USD)"
        name="approvalThresholdUsd"
        type="number"
        inputMode="decimal"
        min={0}
        step={0.01}
        value={threshold}
        onValueChange={setThreshold}
        error={errors.approvalThresholdUsd ?? fromServer.approvalThresholdUsd}
        hint="Plans that use agents able to run code always ask first. 0 asks for every plan."
        autoFocus
      />
      <TextField
        label="Daily budget (USD)"
        name="dailyBudgetUsd"
        type="number"
        inputMode="decimal"
        min={0}
        step={0.5}
        value={budget}
        onValueChange={setBudget}
        error={errors.dailyBudgetUsd ?? fromServer.dailyBudgetUsd}
        hint="Requests that would go over it are refused. Leave empty for no cap."
        optional
      />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <SubmitButton pending={update.isPending} label="Save limits" pendingLabel="Saving…" />
      </div>
    </form>
  );
}
