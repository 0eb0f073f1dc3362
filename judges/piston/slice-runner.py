# The Piston backend's slice runner for Python (see judges/piston/slices.ts): the program of one
# Piston execute that runs the candidate (solution.py) once on one test and reports, behind a
# per-request token, its outcome, the length and SHA-256 of its whole stdout, and base64 of stdout
# bytes [offset, offset+len) only, so an output longer than the server's output cap is read back in
# slices over several executes. Same input and report format as batch-runner.cpp's slice mode.
#
# Why a candidate cannot forge the report: the token arrives in slice.in, read and unlinked before
# the candidate starts; this process is made non-dumpable, so the candidate (same uid) can neither
# read its memory nor open its /proc fds; the candidate's stdout and stderr are pipes read here and
# reach this process's stdout only base64-encoded inside a counted body.
import base64, ctypes, hashlib, os, resource, selectors, signal, subprocess, sys, time

ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
data = open("slice.in", "rb").read()
os.unlink("slice.in")
lines = data.split(b"\n", 3)
token = lines[0].decode()
cpu_ms, wall_ms, mem_kb, out_bytes, file_bytes, _budget, report_bytes, offset, length = map(int, lines[1].split())
flag_count = int(lines[2])
rest = lines[3]
for _ in range(flag_count):
    rest = rest.split(b"\n", 1)[1]
size, rest = rest.split(b"\n", 1)
stdin = os.memfd_create("stdin")
os.write(stdin, rest[: int(size)])
os.lseek(stdin, 0, os.SEEK_SET)


def limit_child():
    os.setpgid(0, 0)
    # RLIMIT_CPU is a backstop: the polling below decides.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_ms // 1000 + 1, cpu_ms // 1000 + 2))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def proc_figure(pid, name):
    try:
        if name == "cpu":
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) * 1000 // os.sysconf("SC_CLK_TCK")
        for row in open(f"/proc/{pid}/status"):
            if row.startswith("VmRSS:"):
                return int(row.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


started = time.monotonic()
child = subprocess.Popen([sys.executable, "solution.py"], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit_child, close_fds=True)
os.close(stdin)
sel = selectors.DefaultSelector()
sel.register(child.stdout, selectors.EVENT_READ, 0)
sel.register(child.stderr, selectors.EVENT_READ, 1)
digest, total, piece, err, term = hashlib.sha256(), 0, bytearray(), bytearray(), "x"
status = None
while term == "x":
    for key, _ in sel.select(0.01 if status is None else 0):
        chunk = os.read(key.fd, 65536)
        if not chunk:
            sel.unregister(key.fileobj)
        elif key.data == 0:
            lo, hi = max(offset, total), min(offset + length, total + len(chunk))
            if lo < hi:
                piece += chunk[lo - total : hi - total]
            digest.update(chunk)
            total += len(chunk)
            if total > out_bytes:
                term = "o"
        else:
            err += chunk
            if len(err) > out_bytes:
                term = "o"
    if status is not None and (not sel.get_map() or not sel.select(0)):
        break
    if status is None:
        status = child.poll()
        if status is not None:
            continue
        # Memory first, as the local judge's OOM kill wins over its time limits (see batch-runner.cpp).
        if proc_figure(child.pid, "rss") > mem_kb:
            term = "m"
        elif proc_figure(child.pid, "cpu") > cpu_ms:
            term = "c"
        elif (time.monotonic() - started) * 1000 > wall_ms:
            term = "w"
try:
    os.killpg(child.pid, signal.SIGKILL)
except OSError:
    pass
status = child.wait()
wall = int((time.monotonic() - started) * 1000)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = int((usage.ru_utime + usage.ru_stime) * 1000)
mem = usage.ru_maxrss
code = sig = 0
if term == "x":
    # Held to every limit even when it ended on its own while this runner was not looking.
    if mem > mem_kb:
        term = "m"
    elif cpu > cpu_ms:
        term = "c"
    elif wall > wall_ms:
        term = "w"
    elif status < 0:
        term, sig = "s", -status
    elif status > 0:
        term, code = "n", status
piece_b64 = base64.b64encode(bytes(piece))
room = max(0, (report_bytes - 256 - len(piece_b64)) // 4 * 3)
err_b64 = base64.b64encode(bytes(err[:room]))
head = f"{token} S {term} {code} {sig} {cpu} {wall} {mem} {total} {digest.hexdigest()} {len(piece_b64)} {len(err_b64)}\n"
out = sys.stdout.buffer
out.write(head.encode() + piece_b64 + err_b64 + f"{token} E 1\n".encode())
out.flush()
