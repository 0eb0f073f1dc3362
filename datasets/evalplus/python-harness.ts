/**
 * The Python code behind EvalPlus-style tests. Two programs share one preamble:
 * - the derivation program (canonical solution + {@link DERIVE_MAIN}) runs in the sandbox, reads
 *   the inputs from stdin and prints the canonical outputs, encoded so that tuples, sets,
 *   complex numbers, NaN and big integers survive the trip;
 * - the test code (appended to a candidate) embeds inputs and expected outputs and compares the
 *   candidate's results the way EvalPlus does (exact, or within `atol` for floats, plus the few
 *   per-task oracles EvalPlus applies).
 * Every helper is defined inside one function so that nothing leaks into the solution's names.
 */
import { HarnessError } from "../../judges/errors.ts";

/** Bumped whenever the derivation's output changes meaning, so cached outputs are not reused. */
export const HARNESS_VERSION = "evalplus-harness-1";

/** The line that precedes the derived outputs on stdout (the solution may print before it). */
export const OUTPUT_MARKER = "@@evalplus-derived-outputs@@";

const PREAMBLE = String.raw`
def _evalplus_tools():
    import copy, json, math

    # MBPP+ stores its inputs as JSON, which has no tuples, sets or complex numbers. These task
    # numbers take such arguments; they are rebuilt the way EvalPlus's own loader rebuilds them.
    ARGS_TO_TUPLES = {2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809}
    INNER_TO_TUPLES = {63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780}
    FIRST_INNER_TO_TUPLES = {75, 413, 444, 753}
    SECOND_TO_TUPLE = {106, 750}
    FIRST_TO_TUPLE = {250, 405, 446, 617, 720, 763, 808}
    ARGS_TO_NESTED_TUPLES = {259, 401, 445}
    ALL_TO_TUPLES = {580, 615, 791}

    def deep_tuple(v):
        return tuple(deep_tuple(x) for x in v) if isinstance(v, list) else v

    def restore_inputs(task_no, inputs):
        if task_no in ARGS_TO_TUPLES:
            return [[tuple(a) for a in inp] for inp in inputs]
        if task_no in INNER_TO_TUPLES:
            return [[[tuple(x) for x in a] for a in inp] for inp in inputs]
        if task_no in FIRST_INNER_TO_TUPLES:
            return [[[tuple(x) for x in inp[0]], inp[1]] for inp in inputs]
        if task_no in SECOND_TO_TUPLE:
            return [[inp[0], tuple(inp[1])] for inp in inputs]
        if task_no == 115:
            return [[[set(x) if isinstance(x, list) and x else {} for x in inp[0]]] for inp in inputs]
        if task_no == 124:
            return [(float(inp[0]), complex(inp[1])) for inp in inputs]
        if task_no in FIRST_TO_TUPLE:
            return [[tuple(inp[0]), inp[1]] for inp in inputs]
        if task_no in ARGS_TO_NESTED_TUPLES:
            return [[tuple(tuple(x) for x in a) for a in inp] for inp in inputs]
        if task_no == 278:
            return [[tuple(tuple(x) if isinstance(x, list) else x for x in inp[0])] for inp in inputs]
        if task_no == 307:
            return [[tuple(inp[0]), inp[1], inp[2]] for inp in inputs]
        if task_no == 722:
            return [[{k: tuple(v) for k, v in inp[0].items()}] + inp[1:] for inp in inputs]
        if task_no == 252:
            return [[complex(inp[0])] for inp in inputs]
        if task_no in ALL_TO_TUPLES:
            return [deep_tuple(inp) for inp in inputs]
        return inputs

    def encode(v):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return int(v)
        if isinstance(v, float):
            if v != v:
                return {"$float": "nan"}
            if v in (math.inf, -math.inf):
                return {"$float": "inf" if v > 0 else "-inf"}
            return v
        if isinstance(v, complex):
            return {"$complex": [encode(v.real), encode(v.imag)]}
        if isinstance(v, list):
            return [encode(x) for x in v]
        if isinstance(v, tuple):
            return {"$tuple": [encode(x) for x in v]}
        if isinstance(v, (set, frozenset)):
            return {"$frozenset" if isinstance(v, frozenset) else "$set": [encode(x) for x in v]}
        if isinstance(v, dict):
            return {"$dict": [[encode(k), encode(x)] for k, x in v.items()]}
        if isinstance(v, bytes):
            return {"$bytes": v.hex()}
        raise TypeError("cannot record a value of type " + type(v).__name__)

    def decode(v):
        if isinstance(v, list):
            return [decode(x) for x in v]
        if not isinstance(v, dict):
            return v
        (tag, x), = v.items()
        if tag == "$float":
            return float(x)
        if tag == "$complex":
            return complex(decode(x[0]), decode(x[1]))
        if tag == "$tuple":
            return tuple(decode(y) for y in x)
        if tag == "$set":
            return set(decode(y) for y in x)
        if tag == "$frozenset":
            return frozenset(decode(y) for y in x)
        if tag == "$dict":
            return {decode(k): decode(y) for k, y in x}
        if tag == "$bytes":
            return bytes.fromhex(x)
        raise ValueError("unknown tag " + tag)

    def load_inputs(dataset, task_no, text):
        inputs = json.loads(text)
        return restore_inputs(task_no, inputs) if dataset == "mbpp" else inputs

    return copy, json, math, load_inputs, encode, decode
`;

/** Appended to the canonical solution: runs it on stdin's inputs and prints the encoded outputs. */
export const DERIVE_MAIN = String.raw`
def _evalplus_derive(scope):
    import sys
    copy, json, math, load_inputs, encode, decode = _evalplus_tools()
    request = json.loads(sys.stdin.read())
    inputs = load_inputs(request["dataset"], request["task_no"], request["inputs"])
    fn = scope[request["entry_point"]]
    outputs = []
    for inp in inputs:
        out = fn(*copy.deepcopy(inp))
        if request["output_not_none"]:
            out = out is not None
        outputs.append(encode(out))
    sys.stdout.write("\n" + ${JSON.stringify(OUTPUT_MARKER)} + "\n" + json.dumps({"count": len(outputs)}) + "\n" + json.dumps(outputs) + "\n")

_evalplus_derive(globals())
`;

/** The comparison EvalPlus applies to one output; raises AssertionError naming the input. */
const CHECK = String.raw`
def _evalplus_check(scope, dataset, task_no, entry_point, atol, inputs_json, expected_json):
    copy, json, math, load_inputs, encode, decode = _evalplus_tools()
    inputs = load_inputs(dataset, task_no, inputs_json)
    expected = [decode(x) for x in json.loads(expected_json)]
    set_eq = {"similar_elements", "find_char_long", "common_in_nested_lists", "extract_singly", "larg_nnum", "intersection_array", "find_dissimilar", "Diff"}
    not_none = {"check_str", "text_match_three", "text_starta_endb"}

    def short(v):
        t = repr(v)
        return t if len(t) <= 160 else t[:160] + "..."

    def is_floats(x):
        if isinstance(x, float):
            return True
        return isinstance(x, (list, tuple)) and len(x) > 0 and all(isinstance(i, float) for i in x)

    def flat(x):
        if isinstance(x, (list, tuple)):
            out = []
            for y in x:
                out.extend(flat(y))
            return out
        return [x]

    def allclose(out, exp, tol):
        a, b = flat(out), flat(exp)
        if len(a) != len(b):
            return False
        for x, y in zip(a, b):
            if not all(isinstance(v, (int, float)) for v in (x, y)):
                return False
            if math.isinf(x) or math.isinf(y):
                if x != y:
                    return False
            elif not abs(x - y) <= tol + 1e-07 * abs(y):
                return False
        return True

    def square_pyramid_area(base, height):
        slant = math.sqrt((base / 2) ** 2 + height ** 2)
        return round(base * base + 2 * base * slant)

    def digit_distance(a, b):
        x, y = str(a), str(b)
        width = max(len(x), len(y))
        return sum(abs(int(p) - int(q)) for p, q in zip(x.zfill(width), y.zfill(width)))

    def poly(xs, x):
        return sum(c * math.pow(x, i) for i, c in enumerate(xs))

    def same(inp, out, exp):
        tol = atol
        if dataset == "humaneval" and entry_point == "find_zero":
            return abs(poly(*inp, out)) <= tol
        try:
            exact = out == exp
        except Exception:
            exact = False
        if dataset == "mbpp":
            if entry_point == "are_equivalent":
                exact = True
            elif entry_point == "sum_div":
                exact = exact or out == 0
            elif entry_point == "surface_Area":
                exact = exact or abs(out - square_pyramid_area(*inp)) <= tol
            elif entry_point == "digit_distance_nums":
                exact = exact or out == digit_distance(*inp)
            elif entry_point in set_eq:
                exact = set(out) == set(exp)
            elif entry_point in not_none:
                exact = out == exp if isinstance(out, bool) else exp == (out is not None)
        if tol == 0 and is_floats(exp):
            tol = 1e-6
        if exact or tol == 0:
            return bool(exact)
        if type(out) != type(exp):
            return False
        if isinstance(exp, (list, tuple)) and len(out) != len(exp):
            return False
        return allclose(out, exp, tol)

    fn = scope.get(entry_point)
    if not callable(fn):
        raise NameError("the solution does not define " + entry_point)
    if len(inputs) != len(expected):
        raise RuntimeError("harness error: %d inputs but %d expected outputs" % (len(inputs), len(expected)))
    for index, (inp, exp) in enumerate(zip(inputs, expected)):
        out = fn(*copy.deepcopy(inp))
        if not same(inp, out, exp):
            raise AssertionError(
                "input %d of %d: %s(%s) returned %s, expected %s"
                % (index + 1, len(inputs), entry_point, short(list(inp))[1:-1], short(out), short(exp))
            )
`;

/** The derivation program for a canonical solution. */
export function buildDeriveProgram(canonicalSolution: string): string {
  return `${canonicalSolution}\n\n# ---- output derivation (datasets/evalplus) ----${PREAMBLE}${DERIVE_MAIN}`;
}

export interface CheckArgs {
  dataset: "mbpp" | "humaneval";
  taskNo: number;
  entryPoint: string;
  atol: number;
  /** JSON text of the inputs, as Python reads them. */
  inputsJson: string;
  /** JSON text of the encoded expected outputs, as the derivation printed it. */
  expectedJson: string;
}

/** The test code appended to a candidate: compares its outputs with the derived ones. */
export function buildCheckCode(args: CheckArgs): string {
  const call = [
    "globals()",
    JSON.stringify(args.dataset),
    String(args.taskNo),
    JSON.stringify(args.entryPoint),
    pythonFloat(args.atol),
    JSON.stringify(args.inputsJson),
    JSON.stringify(args.expectedJson),
  ].join(", ");
  return `\n# ---- EvalPlus tests (datasets/evalplus) ----${PREAMBLE}${CHECK}\n_evalplus_check(${call})\n`;
}

function pythonFloat(x: number): string {
  if (!Number.isFinite(x) || x < 0) throw new HarnessError(`atol must be a finite number >= 0, got ${x}`, "dataset");
  return String(x);
}
