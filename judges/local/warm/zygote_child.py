"""The two processes of each side of a job (trusted code until the very last step, which hands
the second one over to the program):

run init (pid 1 of new mount, pid and IPC namespaces, cloned by the zygote; the counterpart of
sandbox-init in a cold run): mounts the side's scratch tmpfs at /box, /tmp and /dev/shm, joins the
side's cgroups, mounts /proc, copies the run's files in, binds its program at /prog, hides the
request, cgroup and code-cache trees, forks the program, drops every capability, reaps until the
program ends, kills whatever it left, and reports the exit status, the rusage of the whole tree,
the scratch usage and the collected files on its result pipe. The program is not pid 1, so signals
it sends itself (abort, kill(getpid())) act as in a cold run.

program: its own session, the rlimits, no capability, no descriptor but 0/1/2 (it says b"ok\n" on
the result pipe first, then closes it), then /prog/main.py as __main__ in this already warm
interpreter. Everything is non-dumpable (inherited from the zygote), so the program cannot open
/proc/1/fd or ptrace the init that holds the result pipe.
"""

import json
import os
import resource
import signal
import stat
import sys

import zygote_sys as zs

PROG = "/prog"
BOX = "/box"
SCRATCH = "/.scratch"
# Harness modules the zygote imported (name -> the source it ran), kept for a run whose program has
# a byte-identical copy; any other run never sees them (zygote.py preloads them).
KIT_MODULES = {}


def preload_kit_modules(names):
    import importlib

    for name in names:
        try:
            module = importlib.import_module(name)
            with open(module.__file__, "rb") as f:
                KIT_MODULES[name] = f.read()
        except (ImportError, OSError):
            sys.modules.pop(name, None)


def _keep_kit_modules():
    """A preloaded kit module stays only where the program's own file of that name is the same
    source, so that importing it gives what a cold run would get; elsewhere it is dropped."""
    for name, source in KIT_MODULES.items():
        try:
            with open("%s/%s.py" % (PROG, name), "rb") as f:
                same = f.read() == source
        except OSError:
            same = False
        if not same:
            sys.modules.pop(name, None)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def run_init(spec, stdin_fd, out_fd, err_fd, res_fd, cap_last):
    """The run's pid 1, cloned by the zygote into new mount, pid and IPC namespaces: set-up, the
    program, then the report on fd 3 (after the program's own b"ok\n"). Never returns."""
    try:
        zs.prctl(zs.PR_SET_PDEATHSIG, signal.SIGKILL)
        os.dup2(stdin_fd if stdin_fd is not None else os.open("/dev/null", os.O_RDONLY), 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.dup2(res_fd, 3)
        # The zygote's channel to the harness and every other side's pipe are gone from here on.
        os.closerange(4, 1 << 16)
        zs.mount(None, "/", None, zs.MS_REC | zs.MS_PRIVATE, None)
        scratch = spec["scratch"]
        options = "size=%d,nr_inodes=%d,mode=0711" % (scratch["bytes"], scratch["inodes"])
        zs.mount("tmpfs", SCRATCH, "tmpfs", zs.MS_NOSUID | zs.MS_NODEV, options)
        for name, dest in (("box", BOX), ("tmp", "/tmp"), ("shm", "/dev/shm")):
            os.mkdir("%s/%s" % (SCRATCH, name), 0o700)
            zs.mount("%s/%s" % (SCRATCH, name), dest, None, zs.MS_BIND, None)
    except BaseException as e:
        _fail(3, e)
    run_side(spec, 3, cap_last)


def _collect(name, limit, blobs):
    """[name, size] of a regular file left in /box (its bytes appended to blobs), [name, "over"] past
    the limit, [name, None] when absent, a link, a FIFO or unreadable (read as collect.ts does)."""
    try:
        fd = os.open("%s/%s" % (BOX, name), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return [name, None]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return [name, None]
        if info.st_size > limit:
            return [name, "over"]
        data = os.pread(fd, info.st_size, 0)
        blobs.append(data)
        return [name, len(data)]
    finally:
        os.close(fd)


def run_side(spec, report_w, cap_last):
    """The run's pid 1: set-up, then the program, then the report. Never returns."""
    try:
        # With no handler, pid 1 ignores every signal sent from inside its namespace.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # Its own session and process group: kill(0, ...) must not reach the zygote's group, whose
        # members share this uid and would accept the signal across the pid namespace.
        os.setsid()
        # `tasks`, not `cgroup.procs`: this process has one thread, so moving the thread moves it all,
        # and a thread move skips the kernel's global threadgroup lock, whose write side waits for an
        # RCU grace period per write (1.2 ms per hierarchy here: 4.8 -> 1.5 ms for the four joins).
        for procs in spec["cgroups"]:
            with open("/cg/%s/tasks" % procs, "w") as f:
                f.write("0")
        zs.mount("proc", "/proc", "proc", zs.MS_NOSUID | zs.MS_NODEV | zs.MS_NOEXEC, None)
        request = spec["dir"]
        _copy_tree(request + "/files", BOX)
        if not spec["piped"]:
            fd = os.open(request + "/stdin", os.O_RDONLY)
            os.dup2(fd, 0)
            os.close(fd)
        # The program's folder: the job's own copy, or one shared by the runs of a program this zygote
        # has run before (program-folders.ts); read-only either way.
        zs.mount(spec.get("prog") or request + "/prog", PROG, None, zs.MS_BIND, None)
        zs.mount(None, PROG, None, zs.MS_REMOUNT | zs.MS_BIND | zs.MS_RDONLY | zs.MS_NOSUID | zs.MS_NODEV, None)
        if spec.get("pycWrite"):
            _write_pycs(spec["pycWrite"])
        # Mounts inherited from bwrap are locked and cannot be removed here: covered instead.
        for hidden in ("/req", "/cg", "/pyc"):
            zs.mount("tmpfs", hidden, "tmpfs", zs.MS_RDONLY | zs.MS_NOSUID | zs.MS_NODEV | zs.MS_NOEXEC, "size=4k,nr_inodes=2,mode=0555")
        # bwrap's root and /dev are tmpfs the zygote's runs share (owned by the sandbox user): read-only
        # here, or one run could leave a file there for the next. /box, /tmp and /dev/shm are the run's own.
        for shared in ("/", "/dev"):
            zs.mount(None, shared, None, zs.MS_REMOUNT | zs.MS_BIND | zs.MS_RDONLY | zs.MS_NOSUID | zs.MS_NODEV, None)
        os.chdir(BOX)
    except BaseException as e:
        _fail(report_w, e)
    if spec.get("trusted") is True:
        _run_trusted(spec, report_w, cap_last)
    zs.clear_user_keyrings()
    program = os.fork()
    if program == 0:
        _start_program(spec, report_w, cap_last)
    try:
        zs.drop_all_capabilities(cap_last)
    except BaseException:
        pass  # the init runs no untrusted code; the program's own drop is the one that matters
    for fd in (0, 1, 2):
        os.close(fd)
    status = _reap_until(program)
    zs.clear_user_keyrings()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {"cpuUs": int((usage.ru_utime + usage.ru_stime) * 1e6), "maxRssKb": usage.ru_maxrss}
    if os.WIFSIGNALED(status):
        report["signal"] = os.WTERMSIG(status)
    else:
        report["exit"] = os.WEXITSTATUS(status)
    vfs = os.statvfs(BOX)
    report["scratchUsed"] = (vfs.f_blocks - vfs.f_bfree) * vfs.f_frsize
    blobs = []
    report["files"] = [_collect(name, spec["collectBytes"], blobs) for name in spec["collect"]]
    _write_all(report_w, (json.dumps(report) + "\n").encode())
    for blob in blobs:
        _write_all(report_w, blob)
    os._exit(0)


def _write_pycs(dest):
    """Compiles the program's top-level .py files into unchecked hash-based .pyc files (PEP 552) in
    the zygote's code cache, before any untrusted code runs; later runs of the same program get them
    in /prog/__pycache__ and unmarshal instead of compiling. A failure only means no cache."""
    import importlib.util
    from importlib._bootstrap_external import _code_to_hash_pyc

    # Both sides of a pair may run one program, each as pid 1 of its own namespace: a random name.
    tmp = dest + ".tmp-" + os.urandom(6).hex()
    try:
        os.mkdir(tmp, 0o755)
        for name in os.listdir(PROG):
            if not name.endswith(".py") or not os.path.isfile(PROG + "/" + name):
                continue
            with open(PROG + "/" + name, "rb") as f:
                source = f.read()
            code = compile(source, PROG + "/" + name, "exec", dont_inherit=True)
            data = _code_to_hash_pyc(code, importlib.util.source_hash(source), False)
            with open("%s/%s" % (tmp, importlib.util.cache_from_source(name)[len("__pycache__/"):]), "wb") as f:
                f.write(data)
        os.rename(tmp, dest)
    except BaseException:
        pass


def _fail(report_w, error):
    try:
        os.write(report_w, ("%s: %s" % (type(error).__name__, error)).encode()[-2000:])
    finally:
        os._exit(125)


def _reap_until(program):
    """Reaps children (orphans land here) until the program ends, then kills and reaps the rest,
    so the rusage covers every process of the run."""
    status = None
    while status is None:
        try:
            pid, st = os.waitpid(-1, 0)
        except InterruptedError:
            continue
        if pid == program:
            status = st
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return status
        except InterruptedError:
            continue


def _confine(spec, report_w, cap_last):
    """Limits, a session keyring of its own (the zygote's would be shared with every run) and no
    capabilities; "ok" on the report pipe once done, else the failure there (never returns then)."""
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        _set_limits(spec["rlimits"])
        zs.keyctl(zs.KEYCTL_JOIN_SESSION_KEYRING, 0)
        zs.drop_all_capabilities(cap_last)
        os.write(report_w, b"ok\n")
    except BaseException as e:
        _fail(report_w, e)


def _start_program(spec, report_w, cap_last):
    _confine(spec, report_w, cap_last)
    os.closerange(3, 1 << 16)
    _run_program(spec["argv"])


def _run_trusted(spec, report_w, cap_last):
    """A trusted peer (the function-mode tester) runs in the init itself, saving a fork and a
    process: the second process exists so that an untrusted program cannot forge its report, reach
    the result pipe or be pid 1, none of which a trusted program would try. It is as confined as a
    program (rlimits, no capability, its own session keyring, the same mounts and cgroups). The
    result pipe stays open until it exits: its end tells the zygote to reap it and report how it
    ended. Never returns."""
    _confine(spec, report_w, cap_last)
    os.closerange(report_w + 1, 1 << 16)
    _run_program(spec["argv"])


def _copy_tree(src, dest):
    for name in os.listdir(src):
        path, target = src + "/" + name, dest + "/" + name
        if os.path.isdir(path):
            os.mkdir(target, 0o755)
            _copy_tree(path, target)
            continue
        with open(path, "rb") as inp, open(target, "wb") as out:
            while True:
                chunk = inp.read(1 << 20)
                if not chunk:
                    break
                out.write(chunk)


def _set_limits(limits):
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpuSoft"], limits["cpuHard"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fsize"], limits["fsize"]))
    resource.setrlimit(resource.RLIMIT_STACK, (limits["stack"], limits["stack"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["nofile"], limits["nofile"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


_OLD_STDIO = []


def _fresh_stdio():
    """New sys.std* on fds 0/1/2 with what a fresh `python3` under LANG=C.UTF-8 would have."""
    # The zygote's own objects stay referenced: collecting them would close fds 0/1/2.
    _OLD_STDIO.extend([sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__])
    sys.stdin = sys.__stdin__ = open(0, "r", encoding="utf-8", errors="surrogateescape", closefd=False)
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", errors="surrogateescape", closefd=False)
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)


def _run_program(args):
    import builtins
    import traceback
    import types

    import gc

    gc.enable()  # the zygote runs without collections; the program gets Python's usual collector
    for name in ("zygote", "zygote_child", "zygote_sys", "__main__"):
        sys.modules.pop(name, None)
    _keep_kit_modules()
    _fresh_stdio()
    sys.argv = [PROG + "/main.py"] + list(args)
    sys.path[0] = PROG
    module = types.ModuleType("__main__")
    module.__file__ = PROG + "/main.py"
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    code = 0
    try:
        exec(_main_code(), module.__dict__)
    except SystemExit as e:
        code = _exit_code(e.code)
    except BaseException as e:
        # The first frame is this function's exec: not part of the program's traceback.
        traceback.print_exception(type(e), e, e.__traceback__.tb_next if e.__traceback__ else None)
        code = 1
    code = _finish(code)
    os._exit(code)


def _main_code():
    """/prog/main.py's code: unmarshalled from the cached .pyc when the harness supplied one."""
    import importlib.util
    import marshal

    try:
        with open(importlib.util.cache_from_source(PROG + "/main.py"), "rb") as f:
            return marshal.loads(memoryview(f.read())[16:])
    except OSError:
        pass
    with open(PROG + "/main.py", "rb") as f:
        source = f.read()
    return compile(source, PROG + "/main.py", "exec", dont_inherit=True)


def _exit_code(value):
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    try:
        sys.stderr.write(str(value) + "\n")
    except BaseException:
        pass
    return 1


def _finish(code):
    """What the interpreter does at exit: wait for threads, run atexit, flush the standard streams."""
    threading = sys.modules.get("threading")
    try:
        if threading is not None:
            threading._shutdown()
    except BaseException:
        pass
    try:
        import atexit

        atexit._run_exitfuncs()
    except BaseException:
        pass
    try:
        sys.stdout.flush()
    except BaseException:
        code = 120
    try:
        sys.stderr.flush()
    except BaseException:
        pass
    return code
