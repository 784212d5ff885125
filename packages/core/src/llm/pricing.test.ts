import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { candidateNames, createPricing, fallbackDefaultPrice, loadPricingTable, parsePricingTable, type PricingTable } from "./pricing.js";

const usage = { promptTokens: 1_000_000, completionTokens: 500_000 };

describe("the shipped pricing file", () => {
  let table: PricingTable;
  beforeAll(async () => {
    table = await loadPricingTable();
  });

  it("prices the common models the README names", () => {
    for (const model of ["gpt-4.1", "gpt-4.1-mini", "gpt-4o-mini", "text-embedding-3-small", "openrouter/openai/gpt-4.1"]) {
      expect(createPricing({ table }).priceOf(model).known, model).toBe(true);
    }
  });

  it("charges gpt-4.1 at $2 input and $8 output per 1M tokens", () => {
    expect(createPricing({ table }).costOf("gpt-4.1", usage)).toBeCloseTo(2 + 4, 10);
  });

  it("prices the offline model at zero", () => {
    expect(createPricing({ table }).costOf("codelab-offline", usage)).toBe(0);
  });
});

describe("model name matching", () => {
  const table = parsePricingTable({
    default: { input: 1, output: 1 },
    models: { "gpt-4.1": { input: 2, output: 8 }, "openai/gpt-4o": { input: 3, output: 9 }, "Claude-3-5-Sonnet": { input: 3, output: 15 } },
  });
  const pricing = createPricing({ table });

  it("strips provider prefixes until a name matches", () => {
    expect(pricing.priceOf("openrouter/openai/gpt-4.1")).toMatchObject({ inputPerMillion: 2, known: true });
    expect(pricing.priceOf("litellm/openai/gpt-4o")).toMatchObject({ inputPerMillion: 3, known: true });
  });

  it("prefers the most specific entry", () => {
    const specific = createPricing({
      table: parsePricingTable({ models: { "gpt-4.1": { input: 2, output: 8 }, "openrouter/openai/gpt-4.1": { input: 2.2, output: 8.8 } } }),
    });
    expect(specific.priceOf("openrouter/openai/gpt-4.1").inputPerMillion).toBe(2.2);
  });

  it("drops dated snapshot and -latest suffixes and ignores case", () => {
    expect(pricing.priceOf("gpt-4.1-2025-04-14").known).toBe(true);
    expect(pricing.priceOf("anthropic/claude-3-5-sonnet-20241022").known).toBe(true);
    expect(pricing.priceOf("CLAUDE-3-5-SONNET-latest").known).toBe(true);
  });

  it("does not confuse a longer model name with a shorter one", () => {
    expect(pricing.priceOf("gpt-4.1-mini").known).toBe(false);
  });

  it("lists candidates most specific first", () => {
    expect(candidateNames("openrouter/openai/gpt-4.1-2025-04-14")).toEqual([
      "openrouter/openai/gpt-4.1-2025-04-14",
      "openrouter/openai/gpt-4.1",
      "openai/gpt-4.1-2025-04-14",
      "openai/gpt-4.1",
      "gpt-4.1-2025-04-14",
      "gpt-4.1",
    ]);
  });
});

describe("unknown models", () => {
  it("use the file's default price and warn once per model", () => {
    const logger = { warn: vi.fn() };
    const pricing = createPricing({ table: parsePricingTable({ default: { input: 4, output: 4 }, models: {} }), logger });
    expect(pricing.costOf("mystery-model", usage)).toBe(4 + 2);
    pricing.costOf("mystery-model", usage);
    pricing.costOf("other-mystery", usage);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ model: "mystery-model" }));
  });

  it("use the configured default over the file's", () => {
    const pricing = createPricing({
      table: parsePricingTable({ default: { input: 4, output: 4 }, models: {} }),
      defaultPrice: { inputPerMillion: 1, outputPerMillion: 0 },
    });
    expect(pricing.costOf("mystery-model", usage)).toBe(1);
  });

  it("fall back to a non-zero built-in price when nothing names a default", () => {
    const pricing = createPricing({ table: parsePricingTable({ models: {} }) });
    expect(pricing.priceOf("mystery-model")).toMatchObject(fallbackDefaultPrice);
    expect(fallbackDefaultPrice.inputPerMillion).toBeGreaterThan(0);
  });
});

describe("loadPricingTable", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "codelab-pricing-"));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it("reads a user-edited file", async () => {
    const file = join(directory, "pricing.json");
    await writeFile(file, JSON.stringify({ models: { "my-model": { input: 1, output: 2 } } }));
    const pricing = createPricing({ table: await loadPricingTable(file) });
    expect(pricing.costOf("my-model", usage)).toBe(1 + 1);
  });

  it("names the file when a price is invalid", async () => {
    const file = join(directory, "broken.json");
    await writeFile(file, JSON.stringify({ models: { "my-model": { input: -1, output: 2 } } }));
    await expect(loadPricingTable(file)).rejects.toThrow(/broken\.json/);
  });
});
