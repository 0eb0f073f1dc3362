/**
 * `datasets convert`: trajectory / chain-of-thought records into SFT records. A record is
 *   `{messages: [{role, content}, ...]}` ending with the assistant's answer, or `{prompt, response}`;
 * it is kept only when that answer holds a complete fenced code block (an unclosed one means the
 * generation was cut off).
 */
import { findFencedBlocks } from "../fences.ts";
import { DatasetError, type RowLocation } from "../types.ts";

export type SftStyle = "prompt-completion" | "messages";
export const SFT_STYLES: readonly SftStyle[] = ["prompt-completion", "messages"];

export interface ChatMessage {
  role: string;
  content: string;
}

/** TRL's conversational prompt-completion record, its plain-text variant, or a messages record. */
export type SftRecord =
  | { prompt: ChatMessage[]; completion: ChatMessage[] }
  | { prompt: string; completion: string }
  | { messages: ChatMessage[] };

export type DropReason = "no_code_block" | "last_message_not_assistant";

export interface ConvertResult {
  records: SftRecord[];
  total: number;
  dropped: Partial<Record<DropReason, number>>;
}

/** Converts rows; a row in neither shape is a DatasetError naming its line and field. */
export function convertTrajectories(rows: Iterable<{ row: Record<string, unknown>; at: RowLocation }>, style: SftStyle): ConvertResult {
  const records: SftRecord[] = [];
  const dropped: Partial<Record<DropReason, number>> = {};
  let total = 0;
  for (const { row, at } of rows) {
    total++;
    const r = convertRow(row, at, style);
    if ("reason" in r) dropped[r.reason] = (dropped[r.reason] ?? 0) + 1;
    else records.push(r.record);
  }
  return { records, total, dropped };
}

/** True when the text holds a complete, non-empty fenced code block. */
export function hasFinalCodeBlock(text: string): boolean {
  const blocks = findFencedBlocks(text);
  const last = blocks.at(-1);
  return last !== undefined && last.closed && last.content.trim() !== "";
}

function convertRow(row: Record<string, unknown>, at: RowLocation, style: SftStyle): { record: SftRecord } | { reason: DropReason } {
  if ("messages" in row) {
    const messages = readMessages(row.messages, at);
    const last = messages.at(-1);
    if (!last || last.role !== "assistant") return { reason: "last_message_not_assistant" };
    if (!hasFinalCodeBlock(last.content)) return { reason: "no_code_block" };
    return { record: style === "messages" ? { messages } : { prompt: messages.slice(0, -1), completion: [last] } };
  }
  const responseField = "response" in row ? "response" : "completion";
  const prompt = row.prompt;
  const response = row[responseField];
  if (typeof prompt !== "string") throw bad(at, "prompt", prompt === undefined ? "a record needs 'messages' or 'prompt' and 'response'" : "must be a string");
  if (typeof response !== "string") throw bad(at, responseField, response === undefined ? "missing (with 'prompt' a record needs 'response')" : "must be a string");
  if (!hasFinalCodeBlock(response)) return { reason: "no_code_block" };
  if (style === "messages") {
    return { record: { messages: [{ role: "user", content: prompt }, { role: "assistant", content: response }] } };
  }
  return { record: { prompt, completion: response } };
}

function readMessages(value: unknown, at: RowLocation): ChatMessage[] {
  if (!Array.isArray(value)) throw bad(at, "messages", "must be a list of {role, content}");
  return value.map((m, i) => {
    const msg = m as Record<string, unknown> | null;
    if (typeof msg !== "object" || msg === null) throw bad(at, `messages[${i}]`, "must be an object {role, content}");
    if (typeof msg.role !== "string") throw bad(at, `messages[${i}].role`, "must be a string");
    if (typeof msg.content !== "string") throw bad(at, `messages[${i}].content`, "must be a string");
    return { role: msg.role, content: msg.content };
  });
}

function bad(at: RowLocation, field: string, detail: string): DatasetError {
  return new DatasetError(at.file, at.line, field, detail);
}
