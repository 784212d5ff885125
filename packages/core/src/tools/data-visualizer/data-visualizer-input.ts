import { z } from "zod";
import { csvDelimiters } from "../tabular/csv-delimiter.js";
import { chartKinds } from "./chart-kind.js";

export const maxChartRows = 10_000;
export const maxChartSeries = 8;

const columnName = z.string().min(1).max(200);

/** Options are optional rather than `.default()`ed: a default would appear as required in the JSON schema the model sees. */
export const dataVisualizerInput = z.object({
  path: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe("A CSV file in the project's workspace, header line first (e.g. data/sales.csv). Give this or `rows`."),
  rows: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
    .min(1)
    .max(maxChartRows)
    .optional()
    .describe('Inline data, one object per row, e.g. [{"month":"Jan","sales":12}]. Give this or `path`.'),
  delimiter: z.enum(csvDelimiters).optional().describe("CSV delimiter; guessed from the header line when absent."),
  chart: z
    .enum(chartKinds)
    .describe("bar: values per category; line: values along x (ordered by x when x is numeric); scatter: numeric x against y; pie: shares of one y column."),
  x: columnName.describe("The column for the x axis (the categories of a bar or pie chart)."),
  y: z
    .union([columnName, z.array(columnName).min(1).max(maxChartSeries)])
    .describe(`The column, or up to ${maxChartSeries} columns, of numbers to plot; each column is a series. A pie chart takes one.`),
  title: z.string().max(200).optional().describe("Shown above the chart."),
  name: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("File name: the chart is saved as charts/<name>.svg, replacing a chart of that name. A new name is made from the title when absent."),
});

export type DataVisualizerInput = z.infer<typeof dataVisualizerInput>;
