import { randomBytes } from "node:crypto";
import { isAppError } from "../../errors/app-error.js";
import { defineTool } from "../tool.js";
import { buildChartData } from "./chart-data.js";
import { chartPath } from "./chart-file-name.js";
import { dataVisualizerInput } from "./data-visualizer-input.js";
import { loadChartTable } from "./load-chart-table.js";
import { renderChart } from "./svg/render-chart.js";
import { summarizeChart } from "./summarize-chart.js";

export const svgMediaType = "image/svg+xml";

/**
 * DataAnalyst's chart maker. It only reads the data it is given and writes one SVG into the
 * project's own charts/ folder, so it is `safe`; the SVG can only draw (see renderChartDocument).
 */
export const dataVisualizerTool = defineTool({
  name: "data_visualizer",
  description:
    "Draw a bar, line, scatter or pie chart from a CSV file in the project's workspace (`path`) or inline JSON rows (`rows`), " +
    "choosing the x column and one or more numeric y columns. The chart is saved as an SVG under charts/ and shown to the user; " +
    "you get back its path and each series' minimum and maximum.",
  inputSchema: dataVisualizerInput,
  risk: "safe",
  limits: { timeoutMilliseconds: 15_000, maxResultChars: 4_000 },
  async run(input, context) {
    const table = await loadChartTable(input, context.workspace);
    if (!table.ok) return { content: table.message, isError: true };
    const y = typeof input.y === "string" ? [input.y] : input.y;
    const data = buildChartData(table.value, { kind: input.chart, title: input.title, x: input.x, y });
    if (!data.ok) return { content: data.message, isError: true };

    const path = chartPath({ name: input.name, title: input.title, kind: input.chart, x: input.x, y }, randomBytes(3).toString("hex"));
    try {
      await context.workspace.write(path, Buffer.from(renderChart(data.value), "utf8"));
    } catch (error) {
      // A full workspace is the user's to fix and the model's to report; anything else is ours.
      if (isAppError(error) && error.category === "user") return { content: `The chart could not be saved: ${error.message}`, isError: true };
      throw error;
    }
    return { content: summarizeChart(data.value, path), attachments: [{ path, mediaType: svgMediaType }] };
  },
});
