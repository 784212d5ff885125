import { chartSize, fontFamily, fontSizes, inkColors } from "./chart-style.js";
import { element, text } from "./svg-markup.js";
import { truncateLabel } from "./text-metrics.js";

export interface ChartDocumentOptions {
  /** Visible heading; none when absent. */
  title: string | undefined;
  /** Accessible name and description (screen readers, and the tooltip of the whole image). */
  accessibleTitle: string;
  description: string;
  body: string[];
}

/**
 * The standalone SVG document: the SVG namespace only, no scripts, styles, links or external
 * references, so it renders the same in an <img>, a browser tab or an editor and can do nothing
 * but draw.
 */
export function renderChartDocument(options: ChartDocumentOptions): string {
  const { width, height } = chartSize;
  const heading = options.title
    ? element(
        "text",
        { x: width / 2, y: chartSize.margin + fontSizes.title, "text-anchor": "middle", "font-size": fontSizes.title, "font-weight": 600, fill: inkColors.title },
        [text(truncateLabel(options.title, 80))],
      )
    : "";
  return element(
    "svg",
    { xmlns: "http://www.w3.org/2000/svg", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "font-family": fontFamily, "font-size": fontSizes.label },
    [
      element("title", {}, [text(options.accessibleTitle)]),
      element("desc", {}, [text(options.description)]),
      element("rect", { width, height, fill: inkColors.background }),
      heading,
      ...options.body,
    ],
  ) + "\n";
}

/** Where the plot may start below the heading. */
export function contentTop(title: string | undefined): number {
  return chartSize.margin + (title ? fontSizes.title + 22 : 8);
}
