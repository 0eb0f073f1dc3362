"""Function-mode tester: the trusted side. Runs the task's prelude and test code unchanged, with the
candidate's functions bound to proxies that call across the pipe, and writes one report line
`@@tester {"verdict": ..., "message": ...}` on its own stderr, which the candidate cannot reach.

Verdicts: AC (the test code ran to its end, every call answered with plain data), WA (an
AssertionError), RE (an exception, malformed data from the candidate), CE (the candidate does
not compile), EOF (the candidate's process ended before the tests did: the harness takes the
verdict from how it ended), SE (the task itself is broken, found before any candidate data).
"""

import builtins
import importlib
import keyword
import os
import sys

from fm_protocol import MAX_LINE, WireError, complete_startup, decode, dump_message, dumps_json, encode, loads_json, parse_message

complete_startup()

TASK = "task.json"
MESSAGE_CHARS = 2000
MAX_NAMES = 10000
# Modules the tester imports because the candidate did (tests such as MBPP's use `math` unimported).
IMPORTABLE = set(getattr(sys, "stdlib_module_names", ())) | {"numpy"}


class CandidateGone(BaseException):
    """The candidate's process closed the pipe. A BaseException, so `except Exception` in tests cannot swallow it."""


class ProtocolViolation(BaseException):
    """The candidate sent something that is not a well-formed reply."""


class UnsupportedArgument(BaseException):
    """The tests pass a value the protocol cannot carry."""


class TaskError(Exception):
    """The task itself is broken (its test code does not compile, its prelude raises): no candidate
    is involved yet, so this is the harness's SE, never a verdict of the solution."""


class Channel:
    def __init__(self, requests, replies):
        self.requests = requests
        self.replies = replies
        self.gone = False
        self.violation = None
        # The last call the candidate answered with a value: (name, args, kwargs, value), shown with a
        # failed assertion. Kept as references and repr'd only on failure, so passing runs pay nothing.
        self.last_call = None

    def receive(self):
        if self.gone:
            raise CandidateGone()
        line = self.replies.readline(MAX_LINE + 1)
        if not line:
            self.gone = True
            raise CandidateGone()
        try:
            if len(line) > MAX_LINE or not line.endswith(b"\n"):
                raise WireError("reply longer than %d bytes" % MAX_LINE)
            return parse_message(line)
        except WireError as e:
            raise self.violate(str(e))

    def send(self, message):
        try:
            self.requests.write(dump_message(message))
            self.requests.flush()
        except (BrokenPipeError, OSError):
            self.gone = True
            raise CandidateGone()

    def violate(self, why):
        if self.violation is None:
            self.violation = why
        return ProtocolViolation(why)


def builtin_exception(name, is_builtin, message):
    """The exception the candidate raised: the built-in type of that name when it was one (so tests
    that expect a ValueError still work), else RuntimeError. Never a BaseException like SystemExit."""
    name = str(name)[:100]
    cls = getattr(builtins, name, None) if is_builtin is True else None
    # A StopIteration escaping a call would silently end the tests' map()/for over calls (PEP 479's reason).
    if isinstance(cls, type) and issubclass(cls, Exception) and not issubclass(cls, (StopIteration, StopAsyncIteration)):
        try:
            error = cls(message)
        except Exception:
            error = RuntimeError("%s: %s" % (name, message))
    else:
        error = RuntimeError("%s: %s" % (name, message))
    error.fm_from_candidate = "%s: %s" % (name, message)
    return error


def write_back(channel, args, kwargs, changes):
    """Mutations of list/dict/set arguments, copied into the tests' own objects."""
    if type(changes) is not list:
        raise channel.violate("malformed mutated list")
    for change in changes:
        if type(change) is not list or len(change) != 2:
            raise channel.violate("malformed mutation")
        key, wire = change
        if type(key) is int and 0 <= key < len(args):
            target = args[key]
        elif type(key) is str and key in kwargs:
            target = kwargs[key]
        else:
            raise channel.violate("mutation of an unknown argument")
        value = decode(wire)
        if type(target) is list and type(value) is list:
            target[:] = value
        elif type(target) in (dict, set) and type(value) is type(target):
            target.clear()
            target.update(value)
        else:
            raise channel.violate("mutation changes the type of an argument")


def make_proxy(channel, name, target):
    def proxy(*args, **kwargs):
        try:
            request = {"call": name, "target": target, "args": encode(list(args)), "kwargs": encode(dict(kwargs))}
        except WireError as e:
            raise UnsupportedArgument("the tests pass %s a value function mode cannot carry: %s" % (name, e))
        channel.send(request)
        reply = channel.receive()
        try:
            if "return" in reply and len(reply) == 2:
                value = decode(reply["return"])
                write_back(channel, args, kwargs, reply.get("mutated"))
                channel.last_call = (name, args, kwargs, value)
                return value
            if set(reply) == {"raise", "builtin", "message"} and type(reply["message"]) is str:
                raise builtin_exception(reply["raise"], reply["builtin"], reply["message"][:MESSAGE_CHARS])
            if set(reply) == {"bad"} and type(reply["bad"]) is str:
                raise channel.violate("%s returned something function mode cannot carry: %s" % (name, reply["bad"][:MESSAGE_CHARS]))
        except WireError as e:
            raise channel.violate("%s returned malformed data (%s)" % (name, e))
        raise channel.violate("malformed reply to a call of %s" % name)

    proxy.__name__ = proxy.__qualname__ = name
    return proxy


def read_names(channel, hello, field):
    names = hello.get(field)
    if type(names) is not list or len(names) > MAX_NAMES:
        raise channel.violate("malformed hello")
    valid = []
    for n in names:
        if type(n) is not str or not n.isidentifier() or keyword.iskeyword(n) or n.startswith("__"):
            raise channel.violate("malformed function name in hello")
        valid.append(n)
    return valid


def make_solution_class(channel, methods):
    """A stand-in for the candidate's `class Solution` (LeetCode-style tests call Solution().name):
    each method calls across the pipe, where the driver runs it on a fresh Solution()."""

    class Solution(object):
        def __init__(self, *args, **kwargs):
            pass

    for name in methods:
        setattr(Solution, name, staticmethod(make_proxy(channel, name, "method")))
    return Solution


def read_modules(channel, hello):
    pairs = hello.get("modules", [])
    if type(pairs) is not list or len(pairs) > MAX_NAMES:
        raise channel.violate("malformed hello")
    for pair in pairs:
        if type(pair) is not list or len(pair) != 2 or not all(type(p) is str for p in pair):
            raise channel.violate("malformed module in hello")
        name, module = pair
        if not name.isidentifier() or keyword.iskeyword(name) or not is_module_name(module):
            raise channel.violate("malformed module in hello")
    return pairs


def is_module_name(text):
    """[A-Za-z_][A-Za-z0-9_]* parts joined by dots (no `re`: its import costs milliseconds per judgement)."""
    return text.isascii() and all(part.isidentifier() for part in text.split("."))


def import_modules(scope, pairs):
    """Binds the candidate's top-level imports in the tests' scope (MBPP tests use `math` without
    importing it): only a standard-library module under its own name (`import math`, not `import
    cmath as math`), never over a builtin or a name the prelude defines, so the candidate cannot
    choose what a name in the tests means."""
    for name, module in pairs:
        if name in scope or hasattr(builtins, name) or module.split(".")[0] not in IMPORTABLE:
            continue
        if name != module and not module.endswith("." + name):
            continue
        try:
            scope[name] = importlib.import_module(module)
        except Exception:
            pass


def prepare_task(task):
    """The tests' scope after the prelude, and the compiled test code; both before any candidate data."""
    try:
        tests = compile(task["test_code"], "<test>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        raise TaskError("the task's test code does not compile: %s" % e)
    scope = {"__name__": "__main__", "__builtins__": builtins}
    try:
        prelude = compile(task.get("prelude") or "", "<prelude>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        # Starter code (a bare `class Solution:` header) is not a program: there is nothing to run.
        return scope, tests
    try:
        exec(prelude, scope)
    except BaseException as e:
        raise TaskError("the task's prelude raised %s: %s" % (type(e).__name__, str(e)[:MESSAGE_CHARS]))
    return scope, tests


def run_tests(channel, task):
    scope, tests = prepare_task(task)
    first = channel.receive()
    if set(first) == {"compile_error"} and type(first["compile_error"]) is str:
        return {"verdict": "CE", "message": first["compile_error"][-MESSAGE_CHARS:]}
    if set(first) == {"load_error"} and type(first["load_error"]) is dict:
        e = first["load_error"]
        return {"verdict": "RE", "message": "the solution raised %s while loading: %s" % (str(e.get("raise"))[:100], str(e.get("message"))[:MESSAGE_CHARS])}
    if set(first) != {"hello"} or type(first["hello"]) is not dict:
        raise channel.violate("the solution did not start with a hello")
    functions = read_names(channel, first["hello"], "functions")
    methods = read_names(channel, first["hello"], "methods")
    modules = read_modules(channel, first["hello"])

    import_modules(scope, modules)
    trusted = set(scope)
    entry = task.get("entry_point")
    for name in functions:
        # Never over a builtin: a candidate's own `abs` must not decide `abs(candidate(x) - y) < 1e-6`.
        if name == entry or (name not in trusted and not hasattr(builtins, name)):
            scope[name] = make_proxy(channel, name, "auto")
    if entry:
        scope[entry] = make_proxy(channel, entry, "auto")
    if methods:
        scope["Solution"] = make_solution_class(channel, methods)

    def harness_candidate(name):
        """The call harness's target: Solution().name when the class has it, else the function."""
        return make_proxy(channel, name, "method" if name in methods else "function")

    scope["_harness_candidate"] = harness_candidate
    exec(tests, scope)
    return {"verdict": "AC"}


def test_line(error):
    import traceback  # only on failure: its import costs milliseconds on every judgement

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename == "<test>":
            return "test line %d" % frame.lineno
    return "the tests"


CALL_CHARS = 300


def short_repr(value):
    """repr cut to CALL_CHARS; a repr that raises (never for decoded wire data) is said so."""
    try:
        text = repr(value)
    except Exception as e:
        text = "<repr failed: %s>" % type(e).__name__
    return cut(text)


def describe_call(channel):
    """The last answered call as {"name", "args", "returned"} (reprs, each cut), or None."""
    if channel.last_call is None:
        return None
    name, args, kwargs, value = channel.last_call
    parts = [short_repr(a) for a in args] + ["%s=%s" % (k, short_repr(v)) for k, v in kwargs.items()]
    return {"name": name, "args": cut(", ".join(parts)), "returned": short_repr(value)}


def cut(text):
    return text if len(text) <= CALL_CHARS else text[: CALL_CHARS - 3] + "..."


def judge(channel, task):
    try:
        report = run_tests(channel, task)
    except TaskError as e:
        return {"verdict": "SE", "message": str(e)}
    except CandidateGone:
        return {"verdict": "EOF"}
    except ProtocolViolation as e:
        return {"verdict": "RE", "message": "protocol violation: %s" % e}
    except UnsupportedArgument as e:
        return {"verdict": "RE", "message": str(e)}
    except AssertionError as e:
        where = test_line(e)
        detail = str(e)
        report = {"verdict": "WA", "message": "assertion failed at %s%s" % (where, ": " + detail if detail else "")}
        call = describe_call(channel)
        if call is not None:
            report["call"] = call
        return report
    except SystemExit:
        return {"verdict": "RE", "message": "the test code exited before its end"}
    except BaseException as e:
        origin = getattr(e, "fm_from_candidate", None)
        if origin:
            return {"verdict": "RE", "message": "the solution raised %s (at %s)" % (origin, test_line(e))}
        return {"verdict": "RE", "message": "the tests raised %s: %s (at %s)" % (type(e).__name__, str(e)[:MESSAGE_CHARS], test_line(e))}
    # Even when the tests caught it, a dead or lying candidate never passes.
    if channel.gone:
        return {"verdict": "EOF"}
    if channel.violation is not None:
        return {"verdict": "RE", "message": "protocol violation: %s" % channel.violation}
    return report


def main():
    report_fd = os.dup(2)
    channel = Channel(os.fdopen(os.dup(1), "wb"), os.fdopen(os.dup(0), "rb"))
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    sys.setrecursionlimit(10000)
    with open(TASK, encoding="utf-8") as f:
        task = loads_json(f.read())
    report = judge(channel, task)
    if "message" in report:
        report["message"] = report["message"][:MESSAGE_CHARS]
    os.write(report_fd, ("@@tester " + dumps_json(report) + "\n").encode("ascii"))
    try:
        channel.requests.close()
    except OSError:
        pass


main()
