import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLocalEmbedder, localEmbeddingDimensions } from "./local-embedder.js";
import { dotProduct } from "./vector-math.js";

const embedder = createLocalEmbedder();

async function embedOne(text: string): Promise<Float32Array> {
  const [vector] = await embedder.embed([text]);
  if (!vector) throw new Error("no vector");
  return vector;
}

const facts = [
  "The production database is PostgreSQL 15 listening on port 5432.",
  "Deployments run every Tuesday after the integration tests pass.",
  "Alice prefers TypeScript with strict null checks for new services.",
  "The billing service retries failed card payments three times.",
  "Our Redis cache evicts keys with the least recently used policy.",
  "Frontend builds are bundled with Vite and served as static files.",
  "Passwords are hashed with scrypt before they reach the users table.",
  "The mobile app supports dark mode since version 2.3.",
];

describe("local embedder", () => {
  it("keeps the vectors of its model name bit for bit, so stored memories stay comparable", async () => {
    // Digests of the vectors as the model first made them; a change of features needs a new model name.
    const texts = [
      "Query: Task step3: work on step3\n\nExpected output: a short answer\nResponse: A short result of this step, in about a dozen words or so.",
      "Café déployé sur le port 5432 — ÜBER naïve façades; the of and",
      "Deploying deployments deployed: PostgreSQL 15, Redis 7 and Qdrant on ports 5432/6379/6333.",
      "a",
      "",
    ];
    const digest = (vector: Float32Array) => createHash("sha1").update(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)).digest("hex");

    expect((await embedder.embed(texts)).map(digest)).toEqual([
      "714292c1bff73ddf1b02cdde65712c8d8bf7f7af",
      "d44afb12845921abd301ac28eb22e8197b1d9587",
      "ea9ec353f3229ff97b2c9861bc38f294c0172e31",
      "4aeb942bcefc587582036cf58a967a229f55703f",
      "53ea2cb716f312714685c92b6be27e419f8c746c",
    ]);
  });

  it("returns one unit-length vector of the declared size per text", async () => {
    const vectors = await embedder.embed(facts);
    expect(vectors).toHaveLength(facts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(localEmbeddingDimensions);
      expect(dotProduct(vector, vector)).toBeCloseTo(1, 5);
    }
    expect(embedder.dimensions).toBe(localEmbeddingDimensions);
  });

  it("gives the same text the same vector, in any batch and from any instance", async () => {
    const alone = await embedOne(facts[0]!);
    const [, inBatch] = await createLocalEmbedder().embed([facts[1]!, facts[0]!]);
    expect(Array.from(inBatch!)).toEqual(Array.from(alone));
  });

  it("ignores case, punctuation and accents", async () => {
    expect(dotProduct(await embedOne("Café au lait, please!"), await embedOne("cafe AU LAIT please"))).toBeCloseTo(1, 5);
  });

  it("scores related texts above unrelated ones", async () => {
    const query = await embedOne("which port does the postgres database listen on");
    const related = dotProduct(query, await embedOne(facts[0]!));
    const unrelated = dotProduct(query, await embedOne(facts[7]!));
    expect(related).toBeGreaterThan(unrelated + 0.2);
  });

  it("ranks the fact a question is about first among several", async () => {
    const vectors = await embedder.embed(facts);
    const questions: [string, number][] = [
      ["what database and port does production use", 0],
      ["when do we deploy", 1],
      ["which language does Alice like for services", 2],
      ["how many times are card payments retried", 3],
      ["redis eviction policy", 4],
      ["what bundles the frontend build", 5],
      ["how are user passwords hashed", 6],
      ["does the mobile app have a dark mode", 7],
    ];
    for (const [question, expected] of questions) {
      const query = await embedOne(question);
      const scores = vectors.map((vector) => dotProduct(query, vector));
      expect({ question, best: scores.indexOf(Math.max(...scores)) }).toEqual({ question, best: expected });
    }
  });

  it("matches word variants through shared character trigrams", async () => {
    const query = await embedOne("deploying");
    expect(dotProduct(query, await embedOne("deployment"))).toBeGreaterThan(dotProduct(query, await embedOne("billing")));
  });

  it("gives an empty text the zero vector, which matches nothing", async () => {
    const vector = await embedOne("  ?! ");
    expect(dotProduct(vector, vector)).toBe(0);
  });

  it("rejects when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(embedder.embed(["text"], { signal: controller.signal })).rejects.toThrow("stop");
  });
});
