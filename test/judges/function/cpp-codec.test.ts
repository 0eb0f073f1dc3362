/**
 * The C++ function-mode codec (judges/function/cpp/codec.h), compiled with the real g++ in the local
 * sandbox: values survive the trip tester -> candidate -> tester exactly, and the decoder rejects
 * every malformed message instead of guessing.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import { createLocalSandbox, type LocalSandbox } from "../../../judges/local/index.ts";
import type { PreparedProgram } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { COMPILE_LIMITS, cppTask, judgeCpp, LIMITS } from "./cpp-support.ts";

setDefaultTimeout(180_000);

let sandbox: LocalSandbox;
beforeAll(() => {
  sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
});
afterAll(async () => {
  await sandbox.close?.();
});

const HEAD = "#include<assert.h>\n#include<bits/stdc++.h>\n";

describe("values crossing the pipe both ways", () => {
  test("nested containers, negative numbers and strings with spaces, newlines, quotes and colons arrive unchanged", async () => {
    const T = "std::vector<std::tuple<long, std::string, std::optional<double>>>";
    const M = "std::map<std::string, std::vector<long>>";
    const U = "std::unordered_map<long, std::pair<bool, char>>";
    const R = `std::tuple<${T}, ${M}, ${U}, float, std::set<std::string>>`;
    const prelude = `${HEAD}// Returns its arguments.\n${R} echo(${T} a, ${M} b, ${U} c, float d, std::set<std::string> e) {\n`;
    const tests = `int main() {
    auto candidate = echo;
    ${T} a = {{-5, "two words", 0.1}, {LONG_MIN, "line\\nbreak \\"quoted\\" 3:x ", std::nullopt}, {LONG_MAX, "", -0.0}};
    ${M} b = {{"k 1", {-1, 0, 1}}, {"", {}}, {"\\t", {-9223372036854775807L}}};
    ${U} c = {{-1, {true, 'q'}}, {7, {false, '\\n'}}};
    std::set<std::string> e = {"a", "a b", ""};
    auto r = candidate(a, b, c, -1.25f, e);
    assert(std::get<0>(r) == a);
    assert(std::get<1>(r) == b);
    assert(std::get<2>(r) == c);
    assert(std::get<3>(r) == -1.25f);
    assert(std::get<4>(r) == e);
    assert(std::signbit(*std::get<2>(std::get<0>(r)[2])));
    assert(candidate({}, {}, {}, 0.1f, {}) == std::make_tuple(${T}(), ${M}(), ${U}(), 0.1f, std::set<std::string>()));
}
`;
    const code = `${prelude}    return std::make_tuple(a, b, c, d, e);\n}\n`;
    const result = await judgeCpp(sandbox, cppTask(prelude, "echo", tests), code);
    expect(`${result.verdict} ${result.message ?? ""}`.trim()).toBe("AC");
  });

  test("NaN, infinities, the smallest subnormal and 0.1 arrive exactly", async () => {
    const prelude = `${HEAD}std::vector<double> same(std::vector<double> xs) {\n`;
    const tests = `int main() {
    auto candidate = same;
    auto r = candidate({NAN, INFINITY, -INFINITY, 0.1, 4.9406564584124654e-324, -0.0, 1e308});
    assert(r.size() == 7);
    assert(std::isnan(r[0]));
    assert(r[1] == INFINITY && r[2] == -INFINITY);
    assert(r[3] == 0.1);
    assert(r[4] == std::numeric_limits<double>::denorm_min());
    assert(r[5] == 0.0 && std::signbit(r[5]));
    assert(r[6] == 1e308);
}
`;
    const result = await judgeCpp(sandbox, cppTask(prelude, "same", tests), `${prelude}    return xs;\n}\n`);
    expect(`${result.verdict} ${result.message ?? ""}`.trim()).toBe("AC");
  });

  test("a result that differs only in the last bit of a double is a wrong answer", async () => {
    const prelude = `${HEAD}double tenth() {\n`;
    const tests = "int main() {\n    auto candidate = tenth;\n    assert(candidate() == 0.1);\n}\n";
    const result = await judgeCpp(sandbox, cppTask(prelude, "tenth", tests), `${prelude}    return std::nextafter(0.1, 1.0);\n}\n`);
    expect(result.verdict).toBe("WA");
  });
});

// A decoder driver: reads "<type> <length>\n<payload>" cases on stdin and prints, per case, "ok
// <the value encoded again>" or "error <why>". Newlines in the output are escaped as \n.
const DRIVER = `#include <bits/stdc++.h>
#include <fcntl.h>
#include <unistd.h>
${readFileSync(new URL("../../../judges/function/cpp/codec.h", import.meta.url), "utf8")}
template <class T> void attempt(const std::string& payload) {
  try {
    harness::Reader r{payload.data(), payload.data() + payload.size()};
    T v = harness::get<T>(r);
    r.finish();
    harness::Writer w;
    harness::put<T>(w, v);
    std::string out;
    for (char c : w.out) out += c == '\\n' ? std::string("\\\\n") : std::string(1, c);
    std::cout << "ok " << out << "\\n";
  } catch (const harness::DecodeError& e) {
    std::cout << "error " << e.why << "\\n";
  }
}
int main() {
  std::string type;
  size_t len;
  while (std::cin >> type >> len) {
    std::cin.get();
    std::string payload(len, '\\0');
    std::cin.read(&payload[0], len);
    if (type == "long") attempt<long>(payload);
    else if (type == "int") attempt<int>(payload);
    else if (type == "bool") attempt<bool>(payload);
    else if (type == "double") attempt<double>(payload);
    else if (type == "float") attempt<float>(payload);
    else if (type == "string") attempt<std::string>(payload);
    else if (type == "vector") attempt<std::vector<long>>(payload);
    else if (type == "map") attempt<std::map<std::string, long>>(payload);
    else if (type == "optional") attempt<std::optional<long>>(payload);
    else if (type == "any") attempt<std::any>(payload);
    else std::cout << "unknown type\\n";
  }
}
`;

const CASES: [type: string, payload: string, expected: string][] = [
  ["long", "42 ", "ok 42 "],
  ["long", "-7 ", "ok -7 "],
  ["long", "1.5 ", "error bad integer"],
  ["long", "99999999999999999999 ", "error integer out of range"],
  ["long", "+1 ", "error bad integer"],
  ["long", " 1 ", "error empty token"],
  ["long", "1", "error message ends inside a token"],
  ["long", "1 2 ", "error trailing bytes after the value"],
  ["int", "2147483648 ", "error integer out of range"],
  ["bool", "2 ", "error bad bool"],
  ["double", "0x1.999999999999ap-4 ", "ok 0x1.999999999999ap-4 "],
  ["double", "1e5 ", "error bad float"],
  ["double", "0x1p+0junk ", "error bad float"],
  ["double", "-nan ", "ok -nan "],
  ["double", "-inf ", "ok -inf "],
  ["float", "0x1.99999ap-4 ", "ok 0x1.99999ap-4 "],
  ["string", "3:a b ", "ok 3:a b "],
  ["string", '7:x\n"y" : ', 'ok 7:x\\n"y" : '],
  ["string", "5:ab ", "error string longer than the message"],
  ["string", "2:abc ", "error string not followed by a space"],
  ["string", "x:ab ", "error bad string length"],
  ["vector", "2 -1 2 ", "ok 2 -1 2 "],
  ["vector", "1000000 1 ", "error count larger than the message"],
  ["vector", "2 1 ", "error count larger than the message"],
  ["vector", "1 12", "error message ends inside a token"],
  ["map", "2 1:a 1 1:b -2 ", "ok 2 1:a 1 1:b -2 "],
  ["map", "2 1:a 1 1:a 2 ", "error duplicate map key"],
  ["optional", "0 ", "ok 0 "],
  ["optional", "1 5 ", "ok 1 5 "],
  ["optional", "2 ", "error bad bool"],
  ["any", "long 5 ", "ok long 5 "],
  ["any", "cstr 3:abc ", "ok cstr 3:abc "],
  ["any", "tuple<> ", "ok tuple<> "],
  ["any", "vector<vector<long>> 1 2 1 -2 ", "ok vector<vector<long>> 1 2 1 -2 "],
  ["any", "weird 1 ", "error unknown std::any tag"],
];

describe("strict decoding", () => {
  let driver: PreparedProgram;
  beforeAll(async () => {
    const prepared = await sandbox.prepare({ language: "cpp", code: DRIVER }, COMPILE_LIMITS);
    if (!prepared.ok) throw new Error(prepared.log);
    driver = prepared.program;
  });

  test("every malformed message is rejected with its reason, and every well-formed one re-encodes to itself", async () => {
    const stdin = CASES.map(([type, payload]) => `${type} ${Buffer.byteLength(payload)}\n${payload}`).join("");
    const outcome = await sandbox.run(driver, { stdin }, LIMITS);
    expect(outcome.termination).toBe("exited");
    const lines = outcome.stdout.trimEnd().split("\n");
    expect(lines.map((line, i) => `${CASES[i]?.[0]} ${JSON.stringify(CASES[i]?.[1])} -> ${line}`)).toEqual(
      CASES.map(([type, payload, expected]) => `${type} ${JSON.stringify(payload)} -> ${expected}`),
    );
  });
});
