"""Function-mode driver: runs in the candidate's process (so nothing it sends is trusted).

It moves the protocol off fds 0 and 1 (fd 0 becomes /dev/null, fd 1 goes to stderr, so the
candidate's prints cannot garble the channel), compiles and runs the candidate's code as __main__,
reports its top-level functions, then answers call requests from the tester until end of file.
"""

import builtins
import os
import sys
import types

from fm_protocol import WireError, complete_startup, decode, dump_message, encode, parse_message

complete_startup()

SOLUTION = "solution.py"
MESSAGE_CHARS = 2000


def open_channel():
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    return requests, replies


def describe(error):
    try:
        text = str(error)
    except BaseException:
        text = "<unprintable>"
    return text[:MESSAGE_CHARS]


def exception_reply(error):
    cls = type(error)
    is_builtin = getattr(builtins, cls.__name__, None) is cls
    return {"raise": cls.__name__, "builtin": is_builtin, "message": describe(error)}


def load_candidate(send):
    with open(SOLUTION, "rb") as f:
        source = f.read()
    try:
        code = compile(source, "main.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        import traceback

        send({"compile_error": "".join(traceback.format_exception_only(type(e), e))[-MESSAGE_CHARS:]})
        return None
    module = types.ModuleType("__main__")
    module.__file__ = os.path.abspath(SOLUTION)
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    sys.argv = ["main.py"]
    try:
        exec(code, module.__dict__)
    except BaseException as e:
        send({"load_error": exception_reply(e)})
        return None
    return module.__dict__


def public_callables(namespace):
    names = []
    for name, value in list(namespace.items()):
        if name.startswith("__") or not callable(value) or isinstance(value, (type, types.ModuleType)):
            continue
        names.append(name)
    return names


def imported_modules(namespace):
    """[[name, module]] for the modules the candidate imported at top level (the tests may use them)."""
    return [[n, v.__name__] for n, v in list(namespace.items()) if isinstance(v, types.ModuleType) and not n.startswith("__")]


def solution_methods(namespace):
    cls = namespace.get("Solution")
    if not isinstance(cls, type):
        return []
    return [n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n, None))]


def resolve(namespace, name, target):
    fn = namespace.get(name)
    if target != "method" and callable(fn):
        return fn
    cls = namespace.get("Solution")
    if target != "function" and isinstance(cls, type) and callable(getattr(cls, name, None)):
        return getattr(cls(), name)
    raise NameError("the solution defines no function %s" % name)


def mutated(before, after_values):
    """[[key, value]] for the mutable arguments whose value the call changed."""
    changes = []
    for key, wire, value in zip(before[0], before[1], after_values):
        if isinstance(value, (list, dict, set)):
            now = encode(value, lenient=True)
            if now != wire:
                changes.append([key, now])
    return changes


def answer(namespace, request):
    fn = resolve(namespace, request.get("call"), request.get("target"))
    args = decode(request.get("args"))
    kwargs = decode(request.get("kwargs"))
    keys = list(range(len(args))) + list(kwargs)
    wires = list(request["args"]["l"]) + [wire for _, wire in request["kwargs"]["d"]]
    result = fn(*args, **kwargs)
    try:
        reply = {"return": encode(result, lenient=True)}
        reply["mutated"] = mutated((keys, wires), list(args) + list(kwargs.values()))
    except (WireError, RecursionError) as e:
        return {"bad": describe(e)}
    return reply


def serve():
    requests, replies = open_channel()

    def send(message):
        replies.write(dump_message(message))
        replies.flush()

    namespace = load_candidate(send)
    if namespace is None:
        return
    hello = {"functions": public_callables(namespace), "methods": solution_methods(namespace), "modules": imported_modules(namespace)}
    send({"hello": hello})
    while True:
        line = requests.readline()
        if not line:
            return
        try:
            reply = answer(namespace, parse_message(line))
        except BaseException as e:
            reply = exception_reply(e)
        send(reply)


serve()
