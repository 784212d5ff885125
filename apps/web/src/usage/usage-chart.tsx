import { formatCost, formatTokens } from "../chat/format-usage.js";
import type { DailyUsage } from "./aggregate-usage.js";
import { axisTicks, decimalsFor } from "./chart-scale.js";

export type UsageMeasure = "cost" | "tokens";

const width = 720;
const height = 240;
const margin = { top: 16, right: 12, bottom: 34, left: 56 };

export function measureOf(day: DailyUsage, measure: UsageMeasure): number {
  return measure === "cost" ? day.costUsd : day.promptTokens + day.completionTokens;
}

function axisLabel(value: number, measure: UsageMeasure, step: number): string {
  if (measure === "tokens") return value >= 1_000 ? `${Number((value / 1_000).toFixed(2))}k` : String(Math.round(value));
  return `$${value.toFixed(decimalsFor(step))}`;
}

const dayLabel = new Intl.DateTimeFormat(undefined, { day: "numeric" });
const monthLabel = new Intl.DateTimeFormat(undefined, { month: "short" });

/** Parses `YYYY-MM-DD` as a local date (Date.parse would read it as UTC midnight). */
function localDate(day: string): Date {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(year, month - 1, date);
}

/** One bar per day; the table beside it carries the same numbers for screen readers. */
export function UsageChart({ days, measure }: { days: readonly DailyUsage[]; measure: UsageMeasure }) {
  const values = days.map((day) => measureOf(day, measure));
  const ticks = axisTicks(Math.max(...values, 0));
  const top = ticks.at(-1) ?? 1;
  const step = ticks[1] ?? top;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.min(28, slot * 0.62);
  return (
    <svg className="usage-chart" viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      {ticks.map((tick) => {
        const y = margin.top + plotHeight * (1 - tick / top);
        return (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y} y2={y} className="usage-grid" />
            <text x={margin.left - 8} y={y + 4} textAnchor="end" className="usage-axis">
              {axisLabel(tick, measure, step)}
            </text>
          </g>
        );
      })}
      {days.map((day, index) => {
        const value = values[index] ?? 0;
        const barHeight = (value / top) * plotHeight;
        const x = margin.left + slot * index + (slot - barWidth) / 2;
        const date = localDate(day.day);
        const newMonth = index === 0 || date.getDate() === 1;
        return (
          <g key={day.day}>
            <rect x={x} y={margin.top + plotHeight - barHeight} width={barWidth} height={Math.max(barHeight, value > 0 ? 2 : 0)} rx="3" className="usage-bar">
              <title>{`${day.day}: ${measure === "cost" ? formatCost(value) : formatTokens(value)}`}</title>
            </rect>
            <text x={x + barWidth / 2} y={height - margin.bottom + 16} textAnchor="middle" className="usage-axis">
              {dayLabel.format(date)}
            </text>
            {newMonth && (
              <text x={x + barWidth / 2} y={height - margin.bottom + 30} textAnchor="middle" className="usage-axis usage-axis-month">
                {monthLabel.format(date)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
