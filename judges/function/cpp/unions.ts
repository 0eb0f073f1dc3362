/**
 * MultiPL-E translates Python's `Union[A, B]` into a C union in the prompt:
 *
 *   union Union_std_string_long{
 *       std::string f0;
 *       long f1;    Union_std_string_long(std::string _f0) : f0(_f0) {}
 *       Union_std_string_long(long _f1) : f1(_f1) {}
 *       ~Union_std_string_long() {}
 *       bool operator==(std::string f) { return f0 == f ; } ...
 *   };
 *
 * A C union does not record which member is set, so its value cannot be sent to another process.
 * Both sides therefore get the same block as a struct that does: `union` becomes `struct`, each
 * member is value-initialised, each constructor also sets `harness_tag` to its member's index, and
 * each `operator==(T f)` compares only when its member is the one set. Constructors and operators
 * keep the prompt's signatures, so the tests and the candidate use the type exactly as written. The candidate's own copy of the block is removed from its code
 * (the tagged one comes first), and a codec specialisation sends the tag, then the set member.
 */

export interface UnionDecl {
  name: string;
  /** The members in field order: `f0`, `f1`, ... with their types, read from the constructors. */
  members: { field: string; type: string }[];
  /** The prompt's block, from `union` to the closing `};`. */
  block: string;
}

/** Finds `union NAME {` ... `};` blocks (balanced braces) in `code`: [start, end) and name. */
function findBlocks(code: string, only?: ReadonlySet<string>): { start: number; end: number; name: string }[] {
  const found: { start: number; end: number; name: string }[] = [];
  const re = /\bunion\s+([A-Za-z_]\w*)\s*\{/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const name = m[1] ?? "";
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < code.length; i++) {
      if (code[i] === "{") depth++;
      else if (code[i] === "}" && --depth === 0) break;
    }
    const semi = /^\s*;/.exec(code.slice(i + 1));
    if (depth !== 0 || !semi) continue;
    const end = i + 1 + semi[0].length;
    if (!only || only.has(name)) found.push({ start: m.index, end, name });
    re.lastIndex = end;
  }
  return found;
}

/** The unions a prompt declares. */
export function parseUnions(head: string): UnionDecl[] {
  return findBlocks(head).map(({ start, end, name }) => {
    const block = head.slice(start, end);
    const ctor = new RegExp(`\\b${name}\\(\\s*([^()]+?)\\s+_(f\\d+)\\s*\\)\\s*:\\s*\\2\\(\\s*_\\2\\s*\\)`, "g");
    const members = [...block.matchAll(ctor)].map((m) => ({ field: m[2] ?? "", type: (m[1] ?? "").trim() }));
    members.sort((a, b) => Number(a.field.slice(1)) - Number(b.field.slice(1)));
    return { name, members, block };
  });
}

/** The prompt's block as a tagged struct, followed by its codec specialisation. */
export function buildTaggedUnion(decl: UnionDecl): string {
  let struct = decl.block.replace(/^union\b/, "struct");
  struct = struct.replace(/\{/, "{\n    int harness_tag = -1;");
  for (const [index, { field }] of decl.members.entries()) {
    struct = struct.replace(new RegExp(`(\\b${field})\\s*;`), "$1{};");
    struct = struct.replace(new RegExp(`:\\s*${field}\\(\\s*_${field}\\s*\\)`), `: harness_tag(${index}), ${field}(_${field})`);
    // A comparison holds only for the member that is set: the members of a struct all exist, and a
    // value-initialised one (0, "") must not compare equal in place of the one the function returned.
    struct = struct.replace(new RegExp(`return\\s+${field}\\s*==\\s*f\\b`, "g"), `return harness_tag == ${index} && ${field} == f`);
  }
  const puts = decl.members.map((m, i) => `      case ${i}: return harness::put<${m.type}>(w, v.${m.field});`).join("\n");
  const gets = decl.members.map((m, i) => `      case ${i}: return ${decl.name}(harness::get<${m.type}>(r));`).join("\n");
  const codec = `namespace harness {
template <>
struct codec<${decl.name}> {
  static void put(Writer& w, const ${decl.name}& v) {
    harness::put<int>(w, v.harness_tag);
    switch (v.harness_tag) {
${puts}
    }
    harness::reject_unsendable("${decl.name} with no member set");
  }
  static ${decl.name} get(Reader& r) {
    switch (harness::get<int>(r)) {
${gets}
    }
    r.fail("bad ${decl.name} member");
  }
};
}  // namespace harness`;
  return `${struct}\n${codec}`;
}

/** `head` with every union block replaced by its tagged struct and codec. */
export function tagUnionsIn(head: string, decls: UnionDecl[]): string {
  let out = head;
  for (const decl of decls) out = out.replace(decl.block, () => buildTaggedUnion(decl));
  return out;
}

/** The candidate's code without its own copies of the prompt's unions (the tagged ones replace them). */
export function removeUnions(code: string, decls: UnionDecl[]): string {
  const blocks = findBlocks(code, new Set(decls.map((d) => d.name)));
  let out = code;
  for (const { start, end, name } of blocks.reverse()) {
    // Same number of lines, so diagnostics keep pointing at the candidate's own lines.
    const lines = "\n".repeat(out.slice(start, end).split("\n").length - 1);
    out = `${out.slice(0, start)}/* union ${name}: the harness defines it */${lines}${out.slice(end)}`;
  }
  return out;
}
