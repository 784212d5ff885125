import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { TokenUsage } from "./llm-client.js";
import type { LlmLogger } from "./llm-logger.js";

/** US dollars per one million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface PricingTable {
  /** Keyed by lower-case model name. */
  models: ReadonlyMap<string, ModelPrice>;
  /** The file's `default` entry, if it has one. */
  defaultPrice?: ModelPrice;
}

export interface Pricing {
  /** US dollars for `usage` on `model`; an unknown model is charged the default price. */
  costOf(model: string, usage: Pick<TokenUsage, "promptTokens" | "completionTokens">): number;
  /** The price used for `model`, and whether the table knew it. */
  priceOf(model: string): ModelPrice & { known: boolean };
}

/** The table shipped with CodeLab; users point the server at an edited copy. */
export const defaultPricingFile = fileURLToPath(new URL("./default-pricing.json", import.meta.url));

/** Charged when neither the options nor the file name a default: a mid-range price, so unknown models are not free. */
export const fallbackDefaultPrice: ModelPrice = { inputPerMillion: 2.5, outputPerMillion: 10 };

const priceSchema = z
  .object({ input: z.number().nonnegative(), output: z.number().nonnegative() })
  .transform(({ input, output }): ModelPrice => ({ inputPerMillion: input, outputPerMillion: output }));

const pricingFileSchema = z.object({
  default: priceSchema.optional(),
  models: z.record(z.string().min(1), priceSchema),
});

export async function loadPricingTable(filePath: string = defaultPricingFile): Promise<PricingTable> {
  const text = await readFile(filePath, "utf8");
  try {
    return parsePricingTable(JSON.parse(text));
  } catch (error) {
    throw new Error(`Pricing file ${filePath} is not valid: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Validates `{ "default"?: {input, output}, "models": { name: {input, output} } }` (prices per 1M tokens). */
export function parsePricingTable(json: unknown): PricingTable {
  const file = pricingFileSchema.parse(json);
  const models = new Map(Object.entries(file.models).map(([name, price]) => [name.toLowerCase(), price]));
  return file.default ? { models, defaultPrice: file.default } : { models };
}

export interface PricingOptions {
  table: PricingTable;
  /** Overrides the file's `default`; without either, `fallbackDefaultPrice`. */
  defaultPrice?: ModelPrice;
  logger?: LlmLogger;
}

export function createPricing({ table, defaultPrice, logger }: PricingOptions): Pricing {
  const unknownPrice = defaultPrice ?? table.defaultPrice ?? fallbackDefaultPrice;
  const warned = new Set<string>();

  function priceOf(model: string): ModelPrice & { known: boolean } {
    for (const name of candidateNames(model)) {
      const price = table.models.get(name);
      if (price) return { ...price, known: true };
    }
    if (!warned.has(model)) {
      warned.add(model);
      logger?.warn("no price for model, using the default price", { model, ...unknownPrice });
    }
    return { ...unknownPrice, known: false };
  }

  return {
    priceOf,
    costOf(model, usage) {
      const price = priceOf(model);
      return (usage.promptTokens * price.inputPerMillion + usage.completionTokens * price.outputPerMillion) / 1_000_000;
    },
  };
}

/**
 * Names to try, most specific first: the full name, then without each leading provider prefix
 * (`openrouter/openai/gpt-4.1` → `openai/gpt-4.1` → `gpt-4.1`), each also without a snapshot
 * suffix (`-2025-04-14`, `-20241022`, `-latest`).
 */
export function candidateNames(model: string): string[] {
  const segments = model.trim().toLowerCase().split("/");
  return segments.flatMap((_, index) => {
    const name = segments.slice(index).join("/");
    const withoutSnapshot = name.replace(/-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, "");
    return withoutSnapshot === name ? [name] : [name, withoutSnapshot];
  });
}
