import { countWords, embedText } from "./embed-text.js";
import type { Exchange } from "./exchange.js";
import type { RecordedRequest } from "./recorded-request.js";
import type { EmbeddingsReply } from "./replies.js";

/**
 * Answers like the OpenAI embeddings API, including `encoding_format: "base64"` (little-endian
 * float32), which the `openai` SDK asks for by default.
 */
export async function writeEmbeddingsReply(
  exchange: Exchange,
  request: RecordedRequest,
  reply: EmbeddingsReply,
  defaultDimensions: number,
): Promise<void> {
  if (!(await exchange.pause(reply.delayBeforeFirstByteMs))) return;
  const { body } = request;
  const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map((input) =>
    typeof input === "string" ? input : JSON.stringify(input ?? ""),
  );
  const dimensions = Number.isInteger(body.dimensions) && Number(body.dimensions) > 0 ? Number(body.dimensions) : defaultDimensions;
  const base64 = body.encoding_format === "base64";
  const data = inputs.map((text, index) => {
    const vector = embedText(text, dimensions);
    const embedding = base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64") : Array.from(vector);
    return { object: "embedding", index, embedding };
  });
  const promptTokens = inputs.reduce((sum, text) => sum + countWords(text), 0);
  exchange.response.writeHead(200, { "content-type": "application/json" });
  exchange.response.end(
    JSON.stringify({
      object: "list",
      data,
      model: typeof body.model === "string" ? body.model : "",
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    }),
  );
}
