/**
 * The function a C++ function-mode task tests, read from its prelude (MultiPL-E's prompt: includes,
 * a doc comment, and the signature line `RET NAME(PARAMS) {` that the model continues).
 */
import { HarnessError } from "../../errors.ts";

export interface CppParam {
  /** The parameter's type as written, e.g. `std::map<std::string,long>`. */
  type: string;
}

export interface CppSignature {
  name: string;
  returnType: string;
  params: CppParam[];
  /** The prelude before the signature line (includes, comments, type definitions). */
  head: string;
}

/** Why a prelude cannot be judged in C++ function mode; the task, not the candidate, is the cause. */
export class UnsupportedCppTask extends HarnessError {
  constructor(message: string) {
    super(message, "dataset");
    this.name = "UnsupportedCppTask";
  }
}

/** Splits at commas outside <>, (), [] and {}. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<" || c === "(" || c === "[" || c === "{") depth++;
    else if (c === ">" || c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** `std::vector<long> lst` -> type `std::vector<long>`; the name is dropped (the kit names its own). */
function parseParam(text: string, name: string): CppParam {
  const m = /^(.*?[\w>&*\s])\s*\b[A-Za-z_]\w*$/.exec(text);
  const type = m?.[1]?.trim();
  if (!type) throw new UnsupportedCppTask(`cannot read the type of parameter '${text}' of ${name}`);
  return { type };
}

/** Reads the signature of `name` from the prelude's last line that declares it. */
export function parseCppSignature(prelude: string, name: string): CppSignature {
  const lines = prelude.replace(/\r\n/g, "\n").split("\n");
  const escaped = name.replace(/[^\w]/g, "");
  const re = new RegExp(`^\\s*(.*?)\\b${escaped}\\s*\\((.*)\\)\\s*\\{?\\s*$`);
  let index = -1;
  let match: RegExpExecArray | null = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (line.trimStart().startsWith("//")) continue;
    match = re.exec(line);
    if (match) {
      index = i;
      break;
    }
  }
  if (!match || index < 0) throw new UnsupportedCppTask(`the prelude has no signature line for ${name}`);
  const returnType = (match[1] ?? "").trim();
  if (!returnType) throw new UnsupportedCppTask(`the signature of ${name} has no return type`);
  const head = lines.slice(0, index).join("\n");
  const paramText = (match[2] ?? "").trim();
  const params = paramText === "" || paramText === "void" ? [] : splitTopLevel(paramText).map((p) => parseParam(p, name));
  return { name, returnType, params, head };
}
