"""System calls the warm zygote needs that Python 3.11's os module lacks (unshare, mount, capset,
prctl), through ctypes. Trusted code: imported by zygote.py before any run is forked."""

import ctypes
import os

_libc = ctypes.CDLL(None, use_errno=True)

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
_CAP_VERSION_3 = 0x20080522


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def unshare(flags):
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source, target, fstype, flags, data):
    enc = lambda s: None if s is None else s.encode()
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), "mount %s" % target)


def prctl(option, arg2=0):
    _check(_libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg2), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)), "prctl %d" % option)


def last_cap():
    try:
        with open("/proc/sys/kernel/cap_last_cap") as f:
            return int(f.read())
    except OSError:
        return 63


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_all_capabilities(cap_last):
    """Empties the bounding set (so no later exec regains anything), the ambient set and the
    effective/permitted/inheritable sets, then forbids gaining privileges for good."""
    for cap in range(cap_last + 1):
        try:
            prctl(PR_CAPBSET_DROP, cap)
        except OSError:
            pass  # a capability this kernel does not know
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), ctypes.byref(data)), "capset")
    prctl(PR_SET_NO_NEW_PRIVS, 1)


_SYS_CLONE = {"x86_64": 56, "aarch64": 220}
_SIGCHLD = 17
_pyapi = ctypes.PyDLL(None, use_errno=True)
_pyapi.syscall.restype = ctypes.c_long


def clone_into_namespaces(flags):
    """fork(), but the child starts in new namespaces (CLONE_NEWPID makes it pid 1 of its own):
    the raw clone system call, with the interpreter's own before/after-fork work around it (the
    zygote has one thread, so no lock can be held across it). Returns 0 in the child."""
    import platform

    number = _SYS_CLONE.get(platform.machine())
    if number is None:
        raise OSError(38, "clone: unknown system call number on %s" % platform.machine())
    ctypes.pythonapi.PyOS_BeforeFork()
    # With a null stack pointer the child continues on a copy of this stack, as after fork().
    pid = _pyapi.syscall(ctypes.c_long(number), ctypes.c_ulong(flags | _SIGCHLD), None, None, None, None)
    if pid == 0:
        ctypes.pythonapi.PyOS_AfterFork_Child()
        return 0
    ctypes.pythonapi.PyOS_AfterFork_Parent()
    if pid < 0:
        err = ctypes.get_errno()
        raise OSError(err, "clone: %s" % os.strerror(err))
    return pid


_SYS_KEYCTL = {"x86_64": 250, "aarch64": 219}
KEYCTL_JOIN_SESSION_KEYRING = 1
KEYCTL_CLEAR = 7
KEY_SPEC_USER_KEYRING = -4
KEY_SPEC_USER_SESSION_KEYRING = -5


def keyctl(operation, arg2=0):
    """keyctl(2); errors are ignored by the callers (a kernel without keys has nothing to carry over)."""
    import platform

    number = _SYS_KEYCTL.get(platform.machine())
    if number is None:
        return -1
    return _pyapi.syscall(ctypes.c_long(number), ctypes.c_long(operation), ctypes.c_long(arg2), ctypes.c_long(0), ctypes.c_long(0), ctypes.c_long(0))


def clear_user_keyrings():
    """Empties the keyrings every process of this uid shares (in this user namespace), which would
    otherwise carry keys from one run to the next."""
    for keyring in (KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING):
        keyctl(KEYCTL_CLEAR, keyring)
