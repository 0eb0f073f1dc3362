/**
 * Turns a model's completion into a program: drop reasoning, pick the code block, infer the
 * language, join HumanEval-style continuations with their prefix, neutralise freopen.
 * Every choice is recorded in the notes; a completion without code is `ok: false` (NO_CODE).
 */
import type { Language } from "../../judges/types.ts";
import { findBareCode } from "./bare.ts";
import { type FencedBlock, findFencedBlocks, removeFencedBlocks } from "../../datasets/fences.ts";
import { neutraliseFreopen } from "./freopen.ts";
import { classifyTag, inferLanguage } from "./language.ts";
import { addPrefixContext, needsPrefix, startsIndented } from "./prefix.ts";
import { closeFunction, cutAtStopToken } from "./stop-tokens.ts";
import { stripThink } from "./think.ts";
import type { ExtractOptions, Extraction, ExtractionNotes } from "./types.ts";

interface Found {
  code: string;
  language: Language;
  source: "given" | "tag" | "content";
}

/** Extracts the program from a completion; `ok: false` means the sample has no code (verdict NO_CODE). */
export function extractCode(completion: string, opts: ExtractOptions): Extraction {
  const field = opts.field ?? "completion";
  const notes: ExtractionNotes = {
    field,
    thinkRemoved: false,
    thinkUnclosed: false,
    block: null,
    fenceTag: null,
    fenceUnclosed: false,
    blockIndex: null,
    blockCount: 0,
    languageInferred: opts.language === undefined,
    languageSource: null,
    prefixJoined: false,
    importsAdded: 0,
    helpersAdded: [],
    freopenRemoved: 0,
  };
  const fail = (reason: string): Extraction => ({ ok: false, reason, notes });

  const think = stripThink(completion.replace(/\r\n/g, "\n"));
  notes.thinkRemoved = think.removed;
  notes.thinkUnclosed = think.unclosed;
  const text = think.text;
  if (text.trim() === "") {
    return fail(think.unclosed ? "unterminated <think> section: the answer never started" : "empty completion");
  }

  const prefix = field === "completion" && opts.mode === "function" ? opts.solutionPrefix : undefined;
  const blocks = findFencedBlocks(text);
  notes.blockCount = blocks.length;
  const chosen = chooseBlock(blocks, opts.language);

  let found: Found | null = null;
  if (chosen) {
    notes.block = "fenced";
    notes.fenceTag = chosen.block.tag;
    notes.fenceUnclosed = !chosen.block.closed;
    notes.blockIndex = chosen.index;
    found = { code: chosen.block.content, language: chosen.language, source: chosen.source };
  } else if (blocks.length === 0 && prefix !== undefined && isContinuation(text, prefix, opts)) {
    const language = opts.language ?? inferLanguage(prefix) ?? "python";
    notes.block = "continuation";
    notes.prefixJoined = true;
    notes.languageSource = opts.language ? "given" : "content";
    if (!opts.stopTokens?.length) return { ok: true, code: prefix + text, language, notes };
    const cut = cutAtStopToken(text, opts.stopTokens);
    const closed = closeFunction(prefix + cut.text, language);
    notes.stopTokenCut = cut.cut;
    notes.braceClosed = closed.closed;
    return { ok: true, code: closed.code, language, notes };
  } else if (field === "solution" && blocks.length === 0) {
    const language = opts.language ?? inferLanguage(text);
    if (language === null) return fail("language could not be determined from the solution");
    notes.block = "bare";
    found = { code: text, language, source: opts.language ? "given" : "content" };
  } else {
    const bare = findBareCode(removeFencedBlocks(text, blocks), opts.language ?? null);
    if (bare) {
      notes.block = "bare";
      found = { code: bare.code, language: bare.language, source: opts.language ? "given" : "content" };
    }
  }
  if (!found) return fail(describeMissing(blocks, opts.language));
  notes.languageSource = found.source;

  let code = found.code;
  if (prefix !== undefined) {
    if (needsPrefix(code, found.language, opts.entryPoint)) {
      code = prefix + code;
      notes.prefixJoined = true;
    } else {
      const ctx = addPrefixContext(code, prefix, found.language, opts.entryPoint);
      code = ctx.code;
      notes.importsAdded = ctx.importsAdded;
      notes.helpersAdded = ctx.helpersAdded;
    }
  }
  if (found.language === "cpp" && opts.mode === "stdio") {
    const r = neutraliseFreopen(code);
    code = r.code;
    notes.freopenRemoved = r.removed;
  }
  return { ok: true, code, language: found.language, notes };
}

/**
 * A bare completion continues the prefix when it starts with an indented body, or when it is
 * code that does not define the entry point itself.
 */
function isContinuation(text: string, prefix: string, opts: ExtractOptions): boolean {
  if (startsIndented(text)) return true;
  const language = opts.language ?? inferLanguage(prefix) ?? inferLanguage(text);
  if (opts.entryPoint === undefined || language === null) return false;
  return inferLanguage(text) !== null && needsPrefix(text, language, opts.entryPoint);
}

interface Choice {
  block: FencedBlock;
  index: number;
  language: Language;
  source: Found["source"];
}

/**
 * The last block that is surely code in the language (matching tag, or untagged and recognisably
 * the language); failing that, the last untagged block of unknown content when the language is given.
 * Blocks of another language (including ```text sample outputs) are skipped.
 */
function chooseBlock(blocks: FencedBlock[], language: Language | undefined): Choice | null {
  let sure: Choice | null = null;
  let maybe: Choice | null = null;
  for (const [index, block] of blocks.entries()) {
    const cls = classifyTag(block.tag);
    if (block.content.trim() === "" || cls === "other") continue;
    if (cls !== "untagged") {
      if (language === undefined || cls === language) {
        sure = { block, index, language: cls, source: language ? "given" : "tag" };
      }
      continue;
    }
    const inferred = inferLanguage(block.content);
    if (language === undefined) {
      if (inferred !== null) sure = { block, index, language: inferred, source: "content" };
    } else if (inferred === language) {
      sure = { block, index, language, source: "given" };
    } else if (inferred === null) {
      maybe = { block, index, language, source: "given" };
    }
  }
  return sure ?? maybe;
}

function describeMissing(blocks: FencedBlock[], language: Language | undefined): string {
  if (blocks.length === 0) return "no code found: no fenced block and no recognisable code";
  const tags = [...new Set(blocks.map((b) => b.tag || "untagged"))].join(", ");
  const what = language ? `${language} code` : "code of a recognisable language";
  return `no ${what} among ${blocks.length} fenced block(s) (tags: ${tags}) or outside them`;
}
