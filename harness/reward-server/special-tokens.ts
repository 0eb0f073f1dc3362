/**
 * Special tokens a chat model ends (or pads) its turn with. OpenRLHF decodes the query with
 * `skip_special_tokens=False`, so the response it sends ends in one of these; left in place, a
 * trailing `<|im_end|>` becomes part of an unfenced program and a right answer scores 0.
 */

/** Common end-of-turn, end-of-text and padding tokens of current open chat models. */
export const DEFAULT_SPECIAL_TOKENS: readonly string[] = [
  "<|im_end|>", // Qwen, ChatML
  "<|im_start|>",
  "<|endoftext|>", // Qwen, GPT-2 family
  "</s>", // Llama 2, Mistral
  "<s>",
  "<|eot_id|>", // Llama 3
  "<|end_of_text|>",
  "<|begin_of_text|>",
  "<end_of_turn>", // Gemma
  "<eos>",
  "<|end|>", // Phi-3
  "<|return|>", // gpt-oss
  "<｜end▁of▁sentence｜>", // DeepSeek (full-width bars)
  "<|end▁of▁sentence|>",
  "<|EOT|>", // DeepSeek-Coder
  "<pad>",
  "<|pad|>",
  "<|finetune_right_pad_id|>",
];

/**
 * Removes special tokens (and the whitespace around them) from both ends of a response, repeatedly.
 * Only the ends: inside a program, `</s>` may be a string the program prints.
 */
export function stripSpecialTokens(text: string, tokens: readonly string[]): string {
  let out = text;
  for (let changed = true; changed; ) {
    changed = false;
    const trimmed = out.trim();
    for (const t of tokens) {
      if (t && trimmed.endsWith(t)) {
        out = trimmed.slice(0, -t.length);
        changed = true;
        break;
      }
      if (t && trimmed.startsWith(t)) {
        out = trimmed.slice(t.length);
        changed = true;
        break;
      }
    }
  }
  return out === text ? text : out.trim();
}
