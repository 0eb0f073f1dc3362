import { describe, expect, test } from "bun:test";
import { DatasetError } from "../../datasets/types.ts";
import { PickleError } from "../../datasets/formats/pickle-string.ts";
import { HubError } from "../../datasets/hub/errors.ts";
import { EndpointError } from "../../harness/generate/retry.ts";
import { MetricsError } from "../../harness/metrics/summarize.ts";
import { BadRequest } from "../../harness/reward-server/requests.ts";
import { RewardsCompareError } from "../../harness/rewards/compare.ts";
import { RewardSchemaError } from "../../harness/rewards/definition.ts";
import { RunConflictError } from "../../harness/store/runs.ts";
import { InvalidExpectedAnswerError } from "../../judges/answer/index.ts";
import { CheckerError } from "../../judges/checkers/errors.ts";
import { categorizeError, type ErrorCategory, HarnessError, isUserCategory, UsageError } from "../../judges/errors.ts";
import { GradeError } from "../../judges/grade.ts";
import { SandboxError } from "../../judges/types.ts";
import { HttpError, ReportDbError } from "../../reports/errors.ts";

describe("the error hierarchy", () => {
  const cases: [string, Error, ErrorCategory][] = [
    ["UsageError", new UsageError("bad flag"), "usage"],
    ["DatasetError", new DatasetError("d.jsonl", 3, "tests", "expected an array"), "dataset"],
    ["PickleError", new PickleError("opcode 0x63"), "dataset"],
    ["GradeError", new GradeError("no tests"), "dataset"],
    ["InvalidExpectedAnswerError", new InvalidExpectedAnswerError("abc"), "dataset"],
    ["CheckerError (bad spec)", new CheckerError("abs < 0", "bad_spec"), "checker"],
    ["CheckerError (missing testlib)", new CheckerError("no testlib", "missing_testlib"), "usage"],
    ["SandboxError", new SandboxError("bwrap broken", "sandbox_unavailable"), "sandbox"],
    ["SandboxError (remote)", new SandboxError("no answer", "remote_unreachable"), "remote"],
    ["HubError (not cached)", new HubError("pull it", "not_cached"), "usage"],
    ["HubError (unreachable)", new HubError("503", "unreachable"), "remote"],
    ["HubError (integrity)", new HubError("sha mismatch", "integrity"), "store"],
    ["EndpointError", new EndpointError("429", 429, true), "remote"],
    ["MetricsError", new MetricsError("duplicate id"), "internal"],
    ["RunConflictError", new RunConflictError("r", "dataset", "a", "b"), "usage"],
    ["RewardSchemaError", new RewardSchemaError("s", [{ path: [], message: "bad" }]), "usage"],
    ["RewardsCompareError", new RewardsCompareError("no run"), "usage"],
    ["BadRequest", new BadRequest("items: required"), "usage"],
    ["HttpError", new HttpError(404, "run 9 not found"), "usage"],
    ["ReportDbError", new ReportDbError("/x.db", "no database here"), "usage"],
  ];
  for (const [name, err, category] of cases) {
    test(`${name} is a HarnessError of category ${category}`, () => {
      expect(err).toBeInstanceOf(HarnessError);
      expect(categorizeError(err)).toBe(category);
    });
  }

  test("keeps the cause it was given", () => {
    const cause = new Error("ENOENT");
    expect(new SandboxError("cannot start", "sandbox_unavailable", { cause }).cause).toBe(cause);
  });

  test("anything that is not a HarnessError is internal, and only usage, dataset and checker faults are the user's", () => {
    expect(categorizeError(new TypeError("x is undefined"))).toBe("internal");
    expect(categorizeError("a string")).toBe("internal");
    const user = (["usage", "dataset", "checker", "sandbox", "store", "remote", "internal"] as const).filter(isUserCategory);
    expect(user).toEqual(["usage", "dataset", "checker"]);
  });
});
