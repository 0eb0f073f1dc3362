# Runs one guest program in this (fresh, single-use) Pyodide interpreter, the way `python3 main.py`
# would: argv, sys.path[0] = the working folder, SystemExit codes, tracebacks on stderr. Before the
# guest starts, every module that reaches JavaScript is removed and blocked. The OS sandbox around
# the worker is the real boundary; this only takes the easy doors away.
import builtins
import errno
import os
import socket
import sys
import time
import traceback

WORKSPACE = "/workspace"
_JS_MODULES = ("js", "pyodide_js", "pyodide", "_pyodide", "_pyodide_core", "micropip", "pyodide_http", "_socket")


def _write_files(files):
    os.makedirs(WORKSPACE, exist_ok=True)
    for name, text in files.items():
        path = os.path.join(WORKSPACE, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    os.chdir(WORKSPACE)


class _Blocker:
    """A meta-path finder that refuses the JavaScript bridges, wherever they are imported from."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in _JS_MODULES:
            raise ImportError(f"module {name!r} is not available to judged programs")
        return None


def _no_process(*args, **kwargs):
    raise OSError(38, "processes are not available to judged programs")


class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError(errno.EACCES, "network access is not available to judged programs")


def _no_name(*args, **kwargs):
    raise socket.gaierror(socket.EAI_NONAME, "name resolution is not available to judged programs")


def _no_network():
    # Emscripten's sockets pretend to connect (and resolve every name to a made-up address) without
    # reaching anything: a refusal tells the guest the truth, as the local sandbox's empty network does.
    socket.socket = socket.SocketType = _NoSocket
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "create_connection", "create_server", "socketpair", "fromfd"):
        setattr(socket, name, _no_name if name.startswith("get") else _NoSocket)


def _harden(exit_now, sleep):
    for name in list(sys.modules):
        if name.split(".")[0] in _JS_MODULES:
            del sys.modules[name]
    # Pyodide's own finders load the bridges; only the standard ones stay, behind the blocker.
    sys.meta_path[:] = [_Blocker()] + [f for f in sys.meta_path if getattr(f, "__module__", "").startswith(("importlib", "_frozen_importlib", "zipimport"))]
    for name in ("system", "popen", "spawnl", "spawnv", "spawnve", "spawnvp", "execv", "execve", "fork", "forkpty", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            setattr(os, name, _no_process)

    def _exit(code=0):
        # os._exit ends the program at once, as in CPython: no handlers, no unwinding.
        exit_now(int(code) & 0xFF)

    os._exit = _exit
    # Pyodide's time.sleep spins; this one blocks the guest thread without using CPU.
    time.sleep = lambda seconds: sleep(max(0.0, float(seconds)))
    _no_network()


def _exit_code(error):
    code = error.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def check(code):
    try:
        compile(code, "main.py", "exec")
        return ""
    except SyntaxError:
        return "".join(traceback.format_exception_only(*sys.exc_info()[:2]))


def run(code, files, args, exit_now, sleep):
    _write_files(files)
    sys.argv = ["main.py", *args]
    sys.path.insert(0, WORKSPACE)
    main = type(sys)("__main__")
    main.__file__ = os.path.join(WORKSPACE, "main.py")
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    _harden(exit_now, sleep)
    try:
        exec(compile(code, main.__file__, "exec"), main.__dict__)
        status = 0
    except SystemExit as error:
        status = _exit_code(error)
    except BaseException as error:
        # Without this function's own frame, as CPython prints it for a script.
        traceback.print_exception(type(error), error, error.__traceback__.tb_next)
        status = 1
    _flush()
    return status


def collect(names, limit):
    """The named regular files of the working folder; True when one is larger than `limit`."""
    found, too_large = {}, False
    for name in names:
        path = os.path.join(WORKSPACE, name)
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
            too_large = too_large or len(data) > limit
            found[name] = data[:limit].decode("utf-8", "replace")
    return found, too_large
