/**
 * The two C++ programs of one function-mode judgement.
 *
 * Tester (trusted): the prelude with its signature line turned into a proxy of the same type, the
 * dataset's test main unchanged, and `assert` redefined to report on stderr. Each call of the
 * function sends the arguments across the pipe and decodes the answer (codec.h, tester.h).
 *
 * Program (untrusted): the codec and the server first, then the candidate's code, then a wrapper
 * `harness_entry` with the prelude's parameter types that calls the candidate's function. Being
 * ahead of the candidate's code, the server is out of reach of its macros; the candidate's own
 * signature may differ (const references, int for long) as it could before, since the wrapper
 * converts like a direct call. A candidate `main` collides with the server's: CE.
 *
 * C unions of the prompt become tagged structs on both sides (unions.ts).
 */
import { readFileSync } from "node:fs";
import type { CppSignature } from "./signature.ts";
import { buildTaggedUnion, parseUnions, removeUnions, tagUnionsIn } from "./unions.ts";

function readHeader(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

const CODEC = readHeader("codec.h");
const TESTER = readHeader("tester.h");
const SERVER = readHeader("server.h");

/** System headers first, so the shared precompiled <bits/stdc++.h> applies (it must come first); WASI's for fd_renumber. */
const SYSTEM_HEADERS = ["#include <bits/stdc++.h>", "#include <fcntl.h>", "#include <unistd.h>", "#ifdef __wasi__", "#include <wasi/api.h>", "#endif", ""].join("\n");

/** `T0 harness_arg0, T1 harness_arg1`: names of our own, so no prelude name can clash. */
function paramList(sig: CppSignature): string {
  return sig.params.map((p, i) => `${p.type} harness_arg${i}`).join(", ");
}

function argNames(sig: CppSignature, wrap: (name: string) => string = (n) => n): string {
  return sig.params.map((_, i) => wrap(`harness_arg${i}`)).join(", ");
}

/** The tester's source: prelude with a proxy in place of the function, then the tests. */
export function buildTesterSource(sig: CppSignature, testCode: string): string {
  const proxy = `${sig.returnType} ${sig.name}(${paramList(sig)}) {\n  return harness::remote_call<${sig.returnType}>(${argNames(sig)});\n}`;
  return [
    SYSTEM_HEADERS,
    CODEC,
    TESTER,
    '#line 1 "prelude"',
    tagUnionsIn(sig.head, parseUnions(sig.head)),
    proxy,
    // The prelude included <assert.h>; the tests' asserts now report instead of aborting.
    "#undef assert",
    "#define assert(...) harness::check_assert(static_cast<bool>(__VA_ARGS__), #__VA_ARGS__, __LINE__)",
    '#line 1 "tests"',
    testCode,
    "",
  ].join("\n");
}

/** The program's source: server, candidate, wrapper, in that order. */
export function buildProgramSource(sig: CppSignature, candidate: string): string {
  const wrapperHead = `${sig.returnType} harness_entry(${paramList(sig)})`;
  const forwarded = argNames(sig, (n) => `static_cast<decltype(${n})&&>(${n})`);
  const unions = parseUnions(sig.head);
  return [
    SYSTEM_HEADERS,
    CODEC,
    SERVER,
    ...unions.map(buildTaggedUnion),
    `${wrapperHead};`,
    "int main() { return harness::serve(&harness_entry); }",
    '#line 1 "solution.cpp"',
    removeUnions(candidate, unions),
    "",
    '#line 1 "harness-entry"',
    `${wrapperHead} {\n  return harness::convert_result<${sig.returnType}>(${sig.name}(${forwarded}));\n}`,
    "",
  ].join("\n");
}

/** A tester that only reports why the task cannot be judged (the verdict is then SE with that cause). */
export function buildUnsupportedTester(reason: string): string {
  const line = JSON.stringify(`\n@harness-tester unsupported ${reason.replace(/[^\x20-\x7e]/g, "?")}\n`);
  return `#include <cstdio>\nint main() { std::fputs(${line}, stderr); return 1; }\n`;
}
