import { useState } from "react";
import { formatCost, formatTokens } from "../chat/format-usage.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { measureOf, UsageChart, type UsageMeasure } from "./usage-chart.js";
import { usageDays, useProjectUsage } from "./use-project-usage.js";

const longDay = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });

function formatDay(day: string): string {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return longDay.format(new Date(year, month - 1, date));
}

export function UsageSection({ projectId }: { projectId: string }) {
  const usage = useProjectUsage(projectId);
  const [measure, setMeasure] = useState<UsageMeasure>("cost");

  if (usage.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading usage">
        <span className="skeleton skeleton-card" />
      </div>
    );
  }
  if (usage.isError) return <ErrorAlert error={usage.error} onRetry={() => void usage.refetch()} />;

  const { days, messageCount, planCount } = usage.data;
  const totalCost = days.reduce((sum, day) => sum + day.costUsd, 0);
  const totalTokens = days.reduce((sum, day) => sum + day.promptTokens + day.completionTokens, 0);
  const activeDays = days.filter((day) => measureOf(day, "tokens") > 0 || day.costUsd > 0);

  return (
    <section className="section usage" aria-labelledby="usage-title">
      <div className="section-header section-header-actions">
        <div>
          <h2 id="usage-title" className="section-title">
            Usage
          </h2>
          <p className="section-lead">Tokens and cost of this project&apos;s chats and plans over the last {usageDays} days.</p>
        </div>
        <div className="segmented" role="group" aria-label="Chart shows">
          {(["cost", "tokens"] as const).map((option) => (
            <button key={option} type="button" className="segment" aria-pressed={measure === option} onClick={() => setMeasure(option)}>
              {option === "cost" ? "Cost" : "Tokens"}
            </button>
          ))}
        </div>
      </div>
      <dl className="usage-stats">
        <div>
          <dt>Cost</dt>
          <dd>{formatCost(totalCost)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>{totalTokens.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Messages</dt>
          <dd>{messageCount.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Plans</dt>
          <dd>{planCount.toLocaleString()}</dd>
        </div>
      </dl>
      <figure className="usage-figure">
        <UsageChart days={days} measure={measure} />
        <figcaption className="visually-hidden">{measure === "cost" ? "Cost" : "Tokens"} per day; the table below lists the same numbers.</figcaption>
      </figure>
      {activeDays.length === 0 ? (
        <div className="empty-panel">No tokens used in the last {usageDays} days. Start a chat and usage shows up here.</div>
      ) : (
        <table className="usage-table">
          <caption className="visually-hidden">Usage per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Tokens in</th>
              <th scope="col">Tokens out</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {activeDays.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDay(day.day)}</th>
                <td>{formatTokens(day.promptTokens)}</td>
                <td>{formatTokens(day.completionTokens)}</td>
                <td>{formatCost(day.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
