import { describe, expect, test } from "bun:test";
import { diffLines, splitLines, type DiffOp } from "../../../reports/render/diff.ts";

const show = (ops: DiffOp[]) => ops.map((o) => `${o.op === "same" ? " " : o.op === "del" ? "-" : "+"}${o.text}`);

describe("diffLines", () => {
  test("marks a changed middle line as removed and added, keeping the rest", () => {
    expect(show(diffLines("a\nb\nc\n", "a\nX\nc\n"))).toEqual([" a", "-b", "+X", " c"]);
  });

  test("finds a shortest edit script when lines move", () => {
    const ops = diffLines("1\n2\n3\n4\n", "2\n3\n4\n5\n");
    expect(show(ops)).toEqual(["-1", " 2", " 3", " 4", "+5"]);
  });

  test("numbers lines of each side from 1", () => {
    const ops = diffLines("x\ny\n", "y\n");
    expect(ops[0]).toEqual({ op: "del", text: "x", a: 1 });
    expect(ops[1]).toEqual({ op: "same", text: "y", a: 2, b: 1 });
  });

  test("treats a missing final newline as no difference in lines", () => {
    expect(diffLines("3\n", "3").every((o) => o.op === "same")).toBe(true);
    expect(splitLines("")).toEqual([]);
  });

  test("shows everything as added when nothing was expected", () => {
    expect(show(diffLines("", "out\nmore\n"))).toEqual(["+out", "+more"]);
  });

  test("falls back to replace-all for huge unrelated outputs, keeping their common ends", () => {
    const a = ["head", ...Array.from({ length: 3000 }, (_, i) => `a${i}`), "tail"].join("\n");
    const b = ["head", ...Array.from({ length: 3000 }, (_, i) => `b${i}`), "tail"].join("\n");
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.op === "del")).toHaveLength(3000);
    expect(ops.filter((o) => o.op === "add")).toHaveLength(3000);
    expect(ops[0]).toEqual({ op: "same", text: "head", a: 1, b: 1 });
    expect(ops.at(-1)).toEqual({ op: "same", text: "tail", a: 3002, b: 3002 });
  });

  test("aligns a million-line output with one changed line, which a quadratic table could not", () => {
    const lines = Array.from({ length: 1_000_000 }, (_, i) => String(i));
    const changed = [...lines];
    changed[500_000] = "oops";
    const ops = diffLines(lines.join("\n"), changed.join("\n"));
    expect(ops.filter((o) => o.op !== "same")).toEqual([
      { op: "del", text: "500000", a: 500_001 },
      { op: "add", text: "oops", b: 500_001 },
    ]);
  });
});
