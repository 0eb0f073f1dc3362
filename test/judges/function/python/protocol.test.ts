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
