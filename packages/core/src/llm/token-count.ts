import { countTokens as countEncodedTokens } from "gpt-tokenizer";
import type { ChatMessage, TokenUsage } from "./llm-client.js";

// User text may contain special-token spellings such as "<|endoftext|>"; they are counted as plain text, never rejected.
const asPlainText = { disallowedSpecial: new Set<string>() };

/** Chat framing per OpenAI's counting guide: each message costs 3 tokens plus its role; every reply is primed with 3. */
const tokensPerMessage = 3;
const tokensPerReplyPriming = 3;

/** Tokens of `text` in the o200k_base encoding (GPT-4o and GPT-4.1 family); an estimate for other models. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countEncodedTokens(text, asPlainText);
}

/** Prompt tokens of a chat request, framing included. */
export function countMessageTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (total, message) => total + tokensPerMessage + countTokens(message.role) + countTokens(message.content),
    tokensPerReplyPriming,
  );
}

/** Usage counted here, for providers that do not report it. */
export function estimateUsage(messages: readonly ChatMessage[], completion: string): TokenUsage {
  return { promptTokens: countMessageTokens(messages), completionTokens: countTokens(completion), estimated: true };
}
