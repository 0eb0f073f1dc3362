/**
 * The wire format (judges/function/python/fm_protocol.py), run under the real python3: what the
 * tester accepts from the candidate's side, and everything it refuses.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";

const DIR = join(import.meta.dir, "../../../../judges/function/python");

/** Decodes each line with the tester's strict decoder; "ok <repr>" or "WireError <message>". */
function decodeAll(lines: string[]): string[] {
  const code = `
import sys
from fm_protocol import WireError, decode, parse_message
for line in sys.stdin.buffer.read().split(b"\\n"):
    try:
        print("ok", repr(decode(parse_message(line)["v"])))
    except WireError as e:
        print("WireError", e)
`;
  const run = Bun.spawnSync(["/usr/bin/python3", "-B", "-c", code], { cwd: DIR, stdin: new TextEncoder().encode(lines.join("\n")) });
  if (run.exitCode !== 0) throw new Error(run.stderr.toString());
  return run.stdout.toString().trim().split("\n");
}

const v = (value: string) => `{"v": ${value}}`;

describe("fm_protocol strict decoding", () => {
  test("decodes every tagged kind into the plain built-in it stands for", () => {
    const got = decodeAll([v('{"i": "-1f"}'), v('{"f": "nan"}'), v('{"c": ["1.5", "-inf"]}'), v('{"b": "00ff"}'), v('{"t": [1, {"l": []}]}'), v('{"d": [[{"t": [1]}, null]]}')]);
    expect(got).toEqual(["ok -31", "ok nan", "ok (1.5-infj)", "ok b'\\x00\\xff'", "ok (1, [])", "ok {(1,): None}"]);
  });

  test("refuses untagged floats, NaN literals, unknown tags, bare objects and unhashable keys", () => {
    const got = decodeAll([v("1.5"), v("NaN"), v('{"x": 1}'), v('{"a": 1, "b": 2}'), v('{"s": [{"l": []}]}'), v('{"f": "1e5; import os"}')]);
    expect(got.every((line) => line.startsWith("WireError"))).toBe(true);
  });

  test("refuses data nested past the depth limit and integers past the size limit", () => {
    const deep = `${'{"l": ['.repeat(600)}${"]}".repeat(600)}`;
    const huge = `{"i": "${"f".repeat((1 << 20) + 1)}"}`;
    expect(decodeAll([v(deep), v(huge)]).map((line) => line.split(" ")[0])).toEqual(["WireError", "WireError"]);
  });
});

/** Runs `code` with the protocol module importable, under the flags the local sandbox gives the kit's scripts. */
function runPython(code: string, flags: string[] = ["-E", "-s", "-B", "-S"]): string {
  const run = Bun.spawnSync(["/usr/bin/python3", ...flags, "-c", code], { cwd: DIR });
  if (run.exitCode !== 0) throw new Error(run.stderr.toString());
  return run.stdout.toString().trim();
}

describe("fm_protocol's own JSON codec", () => {
  test("reads and writes messages without importing json or re (their import costs milliseconds per process)", () => {
    const code = `import sys\nfrom fm_protocol import dump_message, parse_message\nparse_message(dump_message({"a": [1, "x"]}))\nprint("json" in sys.modules, "re" in sys.modules)`;
    expect(runPython(code)).toBe("False False");
  });

  test("writes what json.dumps writes, compact and ASCII-only", () => {
    const code = `import json\nfrom fm_protocol import dump_message\nm = {"a": [1, None, True, "\\u00e9\\n\\ud800", {"f": "1.5"}], "b": {}}\nprint(dump_message(m) == (json.dumps(m, ensure_ascii=True, separators=(",", ":")) + "\\n").encode("ascii"))`;
    expect(runPython(code, ["-B"])).toBe("True");
  });

  test("refuses trailing data, several values and messages that are not objects", () => {
    const got = decodeAll(['{"v": 1} x', '{"v": 1}{"v": 2}', "[1]", '"v"', " ", '{"v": 1']);
    expect(got.every((line) => line.startsWith("WireError"))).toBe(true);
    expect(decodeAll([' \t{"v": 1} \r'])).toEqual(["ok 1"]);
  });

  test("accepts exactly the float and hex texts the encoder writes; lookalikes float() or int() would take are refused", () => {
    const floats = ["1e+16", "-1.5e-07", ".5", "5.", "0.1", "-inf", "nan"].map((t) => v(`{"f": "${t}"}`));
    expect(decodeAll(floats)).toEqual(["ok 1e+16", "ok -1.5e-07", "ok 0.5", "ok 5.0", "ok 0.1", "ok -inf", "ok nan"]);
    const lookalikes = ["1_0", " 1", "1e", "infinity", "+1", "\\u0661"].map((t) => v(`{"f": "${t}"}`));
    const hexes = ["A", "1_0", "0x1", " 1", "-", ""].map((t) => v(`{"i": "${t}"}`));
    expect([...decodeAll(lookalikes), ...decodeAll(hexes)].every((line) => line.startsWith("WireError"))).toBe(true);
  });

  test("without site (-S) the scripts still get the site-packages folders and the exit builtins", () => {
    const code = `import sys\nfrom fm_protocol import complete_startup\ncomplete_startup()\nprint(callable(exit), callable(quit), any(p.endswith(("dist-packages", "site-packages")) for p in sys.path))`;
    expect(runPython(code)).toBe("True True True");
  });
});
