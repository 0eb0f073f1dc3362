/**
 * Hostile model output, judged for real: a `bun run eval` of completions whose code, output, stderr and
 * compile errors carry HTML, into a copy of the built-in eval database. The pages show all of it as text.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { writeFileSync } from "node:fs";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

const PY =
  "Here is my answer:\n```python\nimport sys\n# <script>alert(1)</script>\nsys.stderr.write('<script>alert(2)</script>')\nprint('<img src=x onerror=alert(1)>')\n```\n<script>alert(1)</script>";
const CPP = "```cpp\n#error <b>not bold</b>\nint main() {}\n```";

let v: RealViewer;
let ids: { py: number; cpp: number };
beforeAll(async () => {
  v = await openRealViewer();
  const file = `${v.dbPath}.hostile.jsonl`;
  writeFileSync(
    file,
    [
      { problem_id: "builtin/reverse-string", completion: PY, language: "python", model: "hostile" },
      { problem_id: "builtin/reverse-string", completion: CPP, language: "cpp", model: "hostile" },
    ]
      .map((x) => JSON.stringify(x))
      .join("\n"),
  );
  const r = await runCli(["eval", "--samples", file, "--name", "hostile", "--db", v.dbPath, "--json", "--quiet"]);
  expect(r.code).toBe(0);
  const runId = parseOneJson<{ run_id: number }>(r).run_id;
  const db = new Database(v.dbPath, { readonly: true });
  const rows = db.query("SELECT id, language FROM samples WHERE run_id = ? ORDER BY sample_index").all(runId) as { id: number; language: string }[];
  db.close();
  ids = { py: rows.find((x) => x.language === "python")!.id, cpp: rows.find((x) => x.language === "cpp")!.id };
}, 600_000);
afterAll(() => v.close());

/** Script elements of a page: only the viewer's own may be there. */
const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe("a sample page over hostile output judged for real", () => {
  test("shows the completion, the printed markup in the diff and the stderr as text, never as elements", async () => {
    const { html } = await v.page(`/samples/${ids.py}`);
    expect(textsOf(html, "pre.text")).toContain(PY);
    expect(tableRows(html, "table.diff").map((r) => `${r[2]}${r[3]}`)).toContain("+<img src=x onerror=alert(1)>");
    expect(textsOf(html, "details.test-detail pre.text")).toContain("<script>alert(2)</script>");
    expect(textsOf(html, "pre.code .line").join("")).toContain("# <script>alert(1)</script>");
    expect(html).not.toContain("<img src=x");
    expect(scripts(html)).toEqual(['<script src="/static/app.js" defer="">']);
  });

  test("shows the real compiler's error about the markup as text", async () => {
    const { html } = await v.page(`/samples/${ids.cpp}`);
    expect(textsOf(html, "main section h2")).toContain("Compile log");
    expect(textsOf(html, "pre.text").some((t) => t.includes("#error <b>not bold</b>"))).toBe(true);
    expect(html).not.toContain("<b>not bold</b>");
  });
});
