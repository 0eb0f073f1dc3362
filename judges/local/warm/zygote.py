"""Warm Python zygote (trusted): one long-lived interpreter per run slot of the local sandbox, inside
its own bwrap sandbox. It imports what programs commonly need once, then serves jobs from the
harness, one at a time: a job is one run, or two runs joined stdout-to-stdin (runPair: relayed
through this process, which captures and caps each side's stdout, or with "direct" on plain pipes
between the sides, when the peer is trusted and bounds what it reads). Each side
is cloned (zygote_child.py) into fresh mount, pid and IPC namespaces with a fresh scratch tmpfs,
its own cgroups, rlimits, no capabilities and no descriptor but its stdio.

Channel: requests are JSON lines on fd 0; replies are frames on fd 1, each a 6-byte header
(u32 little-endian length, u8 kind, u8 side) and the payload. This process never opens a run's
files: whatever passes through it (output, reports, collected files) goes through one fixed buffer
that is zeroed after use, so nothing a trusted peer printed lingers in memory a later run is
forked from.
"""

import gc
import os
import selectors
import signal
import struct
import sys

import zygote_sys as zs
import zygote_child

# The function-mode wire format, which both sides of every function-mode pair import (~1 ms of CPU
# and ~280 faults per forked process): harness code, no run's data. A run keeps it only when its own
# program ships the same file (zygote_child._keep_kit_modules).
zygote_child.preload_kit_modules(("fm_protocol",))

# Warm-up: the standard modules the function-mode kit and typical solutions import.
import atexit, bisect, builtins, collections, copy, datetime, decimal, fractions, functools, heapq  # noqa: E401,F401
import importlib, io, itertools, json, keyword, linecache, math, operator, random, re, resource  # noqa: E401,F401
import stat, string, threading, tokenize, traceback, types, typing  # noqa: E401,F401
# Every run's init and program import it (zygote_child: cached code, .pyc writing): loaded in a forked
# run it cost ~1.1 ms of CPU and ~250 copy-on-write faults per process, twice per function-mode pair.
import importlib.util  # noqa: F401

# Under -S this only loads the module (no paths added, no exit/quit builtins: site.main() is not
# called), so the kit's complete_startup() finds it loaded.
import site  # noqa: F401

try:
    import _json  # noqa: F401
except ImportError:
    pass

STDOUT, STDERR, RESULT, SIDE_END, JOB_END, READY = 1, 2, 3, 4, 5, 6
CHUNK = 1 << 16
RELAY_BYTES = 1 << 22
BUF = bytearray(CHUNK)
VIEW = memoryview(BUF)
ZEROS = bytes(CHUNK)
# One per direction of a pair, allocated once; Relay zeroes what it used before the next job.
RELAY_VIEWS = (memoryview(bytearray(RELAY_BYTES)), memoryview(bytearray(RELAY_BYTES)))
CAP_LAST = zs.last_cap()


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def frame(kind, side, payload=b""):
    write_all(1, struct.pack("<IBB", len(payload), kind, side))
    if payload:
        write_all(1, payload)


class Relay:
    """Bytes from one side's stdout to the other side's stdin, in a fixed buffer (zeroed after use)."""

    def __init__(self, fd, view):
        self.fd = fd
        self.view = view
        self.start = self.end = 0
        self.ended = False

    def room(self):
        return 0 if self.fd is None else RELAY_BYTES - self.end

    def push(self, data):
        if self.fd is None:
            return
        self.view[self.end:self.end + len(data)] = data
        self.end += len(data)
        self.flush()

    def flush(self):
        while self.fd is not None and self.start < self.end:
            try:
                self.start += os.write(self.fd, self.view[self.start:self.end])
            except BlockingIOError:
                return
            except OSError:  # the reader is gone: what is left is never read
                self.close()
                return
        if self.start == self.end and self.end:
            self.view[:self.end] = bytes(self.end)
            self.start = self.end = 0
        if self.ended and self.start == self.end:
            self.close()

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        self.view[:self.end] = bytes(self.end)
        self.start = self.end = 0


class Side:
    def __init__(self, index, spec, piped):
        self.index = index
        self.spec = spec
        self.out_r, self.out_w = os.pipe()
        self.err_r, self.err_w = os.pipe()
        self.res_r, self.res_w = os.pipe()
        self.in_r, self.in_w = os.pipe() if piped else (None, None)
        self.out_total = self.err_total = 0
        self.limit = None
        self.pid = None
        self.open = 3
        self.relay = None  # into this side's stdin

    @staticmethod
    def direct_pair(specs):
        """Two sides joined by plain pipes: each side's stdout is the other's stdin, and this process
        holds neither end once both are cloned (no relay, no stdout frames, no stdout cap: the peer is
        trusted and bounds what it reads). A side's end closes its stdout, so the other reads end of file."""
        sides = [Side(i, spec, False) for i, spec in enumerate(specs)]
        for side in sides:
            os.close(side.out_r)
            os.close(side.out_w)
            side.out_r = None
            side.open = 2
        sides[0].in_r, sides[1].out_w = os.pipe()
        sides[1].in_r, sides[0].out_w = os.pipe()
        return sides

    def start(self, direct=False):
        """Clones the side's init (which keeps only its own stdio and result pipe)."""
        pid = zs.clone_into_namespaces(zs.CLONE_NEWNS | zs.CLONE_NEWPID | zs.CLONE_NEWIPC)
        if pid == 0:
            zygote_child.run_init(self.spec, self.in_r, self.out_w, self.err_w, self.res_w, CAP_LAST)
        self.pid = pid
        # In a direct pair this side's stdin and stdout ends are the other side's too: closed only once
        # both are cloned, by the caller.
        mine = (self.err_w, self.res_w) if direct else (self.out_w, self.err_w, self.res_w, self.in_r)
        for fd in mine:
            if fd is not None:
                os.close(fd)
        for fd in (self.out_r, self.err_r, self.res_r, self.in_w):
            if fd is not None:
                os.set_blocking(fd, False)

    def kill(self, reason):
        """Kills the run's pid 1, which takes its whole pid namespace with it. The pid cannot have
        been reused: this process reaps it only after its result pipe has closed."""
        if self.limit is None:
            self.limit = reason
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass


def run_job(request):
    specs = request["sides"]
    direct = request.get("direct") is True and len(specs) == 2
    piped = len(specs) == 2 and not direct
    if direct:
        sides = Side.direct_pair(specs)
        for side in sides:
            side.start(direct=True)
        for side in sides:
            os.close(side.in_r)
            os.close(side.out_w)
    else:
        sides = [Side(i, spec, piped) for i, spec in enumerate(specs)]
        for side in sides:
            side.start()
    if piped:
        sides[0].relay, sides[1].relay = Relay(sides[0].in_w, RELAY_VIEWS[0]), Relay(sides[1].in_w, RELAY_VIEWS[1])
    selector = selectors.DefaultSelector()
    for side in sides:
        if not direct:
            selector.register(side.out_r, selectors.EVENT_READ, (side, STDOUT))
        selector.register(side.err_r, selectors.EVENT_READ, (side, STDERR))
        selector.register(side.res_r, selectors.EVENT_READ, (side, RESULT))
    paused = set()
    try:
        while any(side.open for side in sides):
            for side in sides:
                other = sides[1 - side.index] if piped else None
                # Back-pressure: a side's stdout is read only while the other side's relay has room.
                if other is not None and side.out_r in paused and (other.relay.room() >= CHUNK or other.relay.fd is None):
                    selector.register(side.out_r, selectors.EVENT_READ, (side, STDOUT))
                    paused.discard(side.out_r)
            writers = [s.relay for s in sides if s.relay is not None and s.relay.fd is not None and s.relay.start < s.relay.end]
            for relay in writers:
                selector.register(relay.fd, selectors.EVENT_WRITE, (relay, None))
            events = selector.select()
            for relay in writers:
                if relay.fd is not None:
                    selector.unregister(relay.fd)
            for key, mask in events:
                owner, kind = key.data
                if kind is None:
                    owner.flush()
                    continue
                read_stream(selector, sides, owner, kind, key.fd, paused)
    finally:
        selector.close()
    frame(JOB_END, 0)


def read_stream(selector, sides, side, kind, fd, paused):
    other = sides[1 - side.index] if len(sides) == 2 else None
    size = CHUNK
    if kind == STDOUT and other is not None and other.relay.fd is not None:
        size = min(CHUNK, other.relay.room())
        if size == 0:
            selector.unregister(fd)
            paused.add(fd)
            return
    try:
        n = os.readv(fd, [VIEW[:size]])
    except BlockingIOError:
        return
    if n == 0:
        selector.unregister(fd)
        os.close(fd)
        side.open -= 1
        if kind == STDOUT and other is not None:
            other.relay.ended = True
            other.relay.flush()
        if kind == RESULT:
            end_side(side)
        return
    data = VIEW[:n]
    if kind == RESULT:
        frame(RESULT, side.index, data)
    elif kind == STDOUT:
        cap = side.spec["stdoutBytes"]
        keep = max(0, min(n, cap - side.out_total))
        side.out_total += n
        if keep:
            frame(STDOUT, side.index, data[:keep])
            if other is not None:
                other.relay.push(data[:keep])
        if side.out_total > cap:
            side.kill("output")
    else:
        keep = max(0, min(n, side.spec["stderrBytes"] - side.err_total))
        side.err_total += n
        if keep:
            frame(STDERR, side.index, data[:keep])
        kill_at = side.spec["stderrKillBytes"]
        if kill_at >= 0 and side.err_total > kill_at:
            side.kill("output")
    VIEW[:n] = ZEROS[:n]


def end_side(side):
    """The run's init closed its result pipe: reap it and say how the side ended. A trusted side
    ran its program in the init itself (zygote_child._run_trusted), so its report is made here,
    from how that process ended."""
    _, status, usage = os.wait4(side.pid, 0)
    if side.spec.get("trusted") is True:
        report = {"cpuUs": int((usage.ru_utime + usage.ru_stime) * 1e6), "maxRssKb": usage.ru_maxrss, "files": []}
        if os.WIFSIGNALED(status):
            report["signal"] = os.WTERMSIG(status)
        else:
            report["exit"] = os.WEXITSTATUS(status)
        frame(RESULT, side.index, (json.dumps(report) + "\n").encode())
    if side.relay is not None:
        side.relay.close()
    end = {"limit": side.limit, "stderrTotal": side.err_total, "init": status}
    frame(SIDE_END, side.index, json.dumps(end).encode())


def read_requests():
    pending = b""
    while True:
        while b"\n" not in pending:
            chunk = os.read(0, CHUNK)
            if not chunk:
                return
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        yield json.loads(line)


def main():
    zs.prctl(zs.PR_SET_DUMPABLE, 0)
    # Everything imported so far moves to the collector's permanent generation: a run's collections
    # then never walk (and so never copy, page by page) the objects it shares with the zygote.
    gc.collect()
    gc.freeze()
    # The loop allocates little and keeps no cycles; collections would only copy shared pages.
    gc.disable()
    # Never used by the zygote; replaced so collecting them in a child cannot close its fds 0/1/2.
    for name in ("stdin", "stdout", "stderr"):
        setattr(sys, name, None)
    frame(READY, 0)
    for request in read_requests():
        run_job(request)


main()
