"""Wire format between the function-mode driver (candidate side) and the tester (trusted side).

One JSON object per line. Values travel in a restricted serialisation: null, true, false, JSON
integers and strings stand for themselves; everything else is a one-key object whose key names the
type: {"i": hex} big int, {"f": repr} float (nan/inf included), {"c": [re, im]} complex,
{"b": hex} bytes, {"l"|"t"|"s"|"fs"|"it": [...]} list, tuple, set, frozenset, iterator,
{"d": [[k, v], ...]} dict, {"o": [type name, truthiness]} any other object (a re.Match...),
which the tester sees as an Opaque stand-in that equals nothing but itself. The tester decodes
strictly into plain built-ins and Opaque, so whatever the candidate's objects did (an __eq__ that
is always true, a str subclass...) never reaches the tests.
"""

import math

try:
    # The json package's C core, without the package: `import json` also imports `re` and compiles
    # its patterns, about 8 ms of CPU in each of the two processes of every judgement.
    import _json
except ImportError:  # another Python implementation: the package does the same, slower to import
    _json = None

MAX_LINE = 64 << 20
MAX_DEPTH = 500
MAX_HEX_DIGITS = 1 << 20
_SAFE_INT = 1 << 53
_DIGITS = "0123456789"
_HEX_DIGITS = "0123456789abcdef"
_JSON_SPACE = " \t\n\r"


def complete_startup():
    """Under -S (the kit asks for it, a backend may ignore it), what `site` would have given the
    candidate and the tests: the site-packages folders on sys.path (numpy...) and the exit/quit/help
    builtins, without running the .pth files' start-up code, which costs milliseconds per process."""
    import sys

    if not sys.flags.no_site:
        return
    import site

    sys.path.extend(p for p in site.getsitepackages() if p not in sys.path)
    site.setquit()
    site.setcopyright()
    site.sethelper()


class WireError(Exception):
    """Data that is not a value of the restricted serialisation."""


class Opaque(object):
    """Stands for a candidate's value of a type the protocol does not carry (a re.Match, a range):
    only its type name and truthiness come across, so `assert f(x)` and `is not None` keep working,
    while it compares equal to nothing but itself and supports no arithmetic."""

    __slots__ = ("type_name", "truthy")

    def __init__(self, type_name, truthy):
        self.type_name = type_name
        self.truthy = truthy

    def __bool__(self):
        return self.truthy

    def __repr__(self):
        return "<%s object>" % self.type_name

    __hash__ = object.__hash__


def _float_text(x):
    if math.isnan(x):
        return "nan"
    return repr(float(x))


def _items(value, depth, lenient, kind):
    return [encode(v, depth + 1, lenient) for v in kind.__iter__(value)]


def encode(value, depth=0, lenient=False):
    """A JSON-ready form of `value`. `lenient` (the candidate side) also sends subclasses, numpy
    scalars and iterators as the plain value they stand for; anything else raises WireError."""
    if depth > MAX_DEPTH:
        raise WireError("the value is nested more than %d levels deep" % MAX_DEPTH)
    t = type(value)
    if value is None or t is bool:
        return value
    if t is int or (lenient and isinstance(value, int)):
        n = int.__index__(value) if t is not int else value
        return n if -_SAFE_INT < n < _SAFE_INT else {"i": format(n, "x")}
    if t is float or (lenient and isinstance(value, float)):
        return {"f": _float_text(float.__float__(value))}
    if t is str or (lenient and isinstance(value, str)):
        return str.__str__(value)
    if t is complex or (lenient and isinstance(value, complex)):
        z = complex.__complex__(value) if t is not complex else value
        return {"c": [_float_text(z.real), _float_text(z.imag)]}
    if t is bytes or (lenient and isinstance(value, bytes)):
        return {"b": bytes.hex(value)}
    for kind, tag in ((list, "l"), (tuple, "t"), (set, "s"), (frozenset, "fs")):
        if t is kind or (lenient and isinstance(value, kind)):
            return {tag: _items(value, depth, lenient, kind)}
    if t is dict or (lenient and isinstance(value, dict)):
        return {"d": [[encode(k, depth + 1, lenient), encode(v, depth + 1, lenient)] for k, v in dict.items(value)]}
    if lenient:
        plain = _numpy_scalar(value)
        if plain is not None:
            return encode(plain, depth, False)
        if hasattr(t, "__next__") and hasattr(t, "__iter__"):
            return {"it": [encode(v, depth + 1, lenient) for v in value]}
        return {"o": [_type_name(value)[:200], bool(value)]}
    raise WireError("a %s is not a plain value (function mode passes only built-in values)" % _type_name(value))


def _numpy_scalar(value):
    module = getattr(type(value), "__module__", "") or ""
    if module.split(".")[0] != "numpy" or not hasattr(value, "item") or getattr(value, "shape", None) != ():
        return None
    plain = value.item()
    return plain if type(plain) in (bool, int, float, complex, str, bytes) else None


def _type_name(value):
    t = type(value)
    module = getattr(t, "__module__", "builtins")
    return t.__qualname__ if module == "builtins" else "%s.%s" % (module, t.__qualname__)


def _all_of(text, alphabet):
    return text != "" and not text.strip(alphabet)


def _is_float_text(text):
    """-?(nan|inf|D+(.D*)?(e[-+]?D+)?|.D+(e[-+]?D+)?) with ASCII digits D: what _float_text writes."""
    if text[:1] == "-":
        text = text[1:]
    if text in ("nan", "inf"):
        return True
    mantissa, e, exponent = text.partition("e")
    if e and not _all_of(exponent[1:] if exponent[:1] in ("+", "-") else exponent, _DIGITS):
        return False
    whole, dot, fraction = mantissa.partition(".")
    if not dot:
        return _all_of(whole, _DIGITS)
    if whole == "":
        return _all_of(fraction, _DIGITS)
    return _all_of(whole, _DIGITS) and (fraction == "" or _all_of(fraction, _DIGITS))


def _is_hex_text(text):
    return _all_of(text[1:] if text[:1] == "-" else text, _HEX_DIGITS)


def _float(text):
    if type(text) is not str or not _is_float_text(text):
        raise WireError("malformed float")
    return float(text)


def _seq(payload, depth):
    if type(payload) is not list:
        raise WireError("malformed sequence")
    return [decode(v, depth + 1) for v in payload]


def decode(data, depth=0):
    """The plain value `data` stands for; raises WireError for anything outside the format."""
    if depth > MAX_DEPTH:
        raise WireError("value nested more than %d levels deep" % MAX_DEPTH)
    t = type(data)
    if data is None or t is bool or t is int or t is str:
        return data
    if t is not dict or len(data) != 1:
        raise WireError("malformed value of type %s" % t.__name__)
    ((tag, payload),) = data.items()
    try:
        if tag == "i":
            if type(payload) is not str or len(payload) > MAX_HEX_DIGITS or not _is_hex_text(payload):
                raise WireError("malformed integer")
            return int(payload, 16)
        if tag == "f":
            return _float(payload)
        if tag == "c":
            if type(payload) is not list or len(payload) != 2:
                raise WireError("malformed complex")
            return complex(_float(payload[0]), _float(payload[1]))
        if tag == "b":
            if type(payload) is not str:
                raise WireError("malformed bytes")
            return bytes.fromhex(payload)
        if tag == "l":
            return _seq(payload, depth)
        if tag == "t":
            return tuple(_seq(payload, depth))
        if tag == "s":
            return set(_seq(payload, depth))
        if tag == "fs":
            return frozenset(_seq(payload, depth))
        if tag == "it":
            return iter(_seq(payload, depth))
        if tag == "o":
            if type(payload) is not list or len(payload) != 2 or type(payload[0]) is not str or type(payload[1]) is not bool:
                raise WireError("malformed opaque value")
            return Opaque(payload[0][:200], payload[1])
        if tag == "d":
            if type(payload) is not list:
                raise WireError("malformed dict")
            out = {}
            for pair in payload:
                if type(pair) is not list or len(pair) != 2:
                    raise WireError("malformed dict entry")
                out[decode(pair[0], depth + 1)] = decode(pair[1], depth + 1)
            return out
    except WireError:
        raise
    except (TypeError, ValueError, RecursionError, MemoryError) as e:
        # An unhashable key or set element, bad hex: malformed all the same.
        raise WireError("malformed %s value: %s" % (tag, type(e).__name__))
    raise WireError("unknown value tag %r" % str(tag)[:20])


def _no_constant(name):
    raise WireError("bare %s in a message" % name)


def _no_float(text):
    raise WireError("untagged float in a message")


class _StrictContext(object):
    """What _json's scanner reads from a JSONDecoder: NaN/Infinity and untagged floats refused."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = staticmethod(_no_float)
    parse_int = int
    parse_constant = staticmethod(_no_constant)

    def __init__(self):
        self.memo = {}


def _make_loads():
    if _json is None:
        import json

        return lambda text: json.loads(text, parse_constant=_no_constant, parse_float=_no_float)
    context = _StrictContext()
    scan = _json.make_scanner(context)

    def loads(text):
        # json.loads: one value, with only JSON whitespace around it.
        start = len(text) - len(text.lstrip(_JSON_SPACE))
        try:
            value, end = scan(text, start)
        except StopIteration:
            raise ValueError("expecting a value")
        except SystemError:
            # _json raises its syntax errors as json.decoder.JSONDecodeError, looked up in sys.modules;
            # while that module is not loaded it returns NULL without an exception: malformed all the same.
            raise ValueError("malformed JSON")
        finally:
            context.memo.clear()
        if end != len(text.rstrip(_JSON_SPACE)):
            raise ValueError("extra data")
        return value

    return loads


def _make_dumps():
    if _json is None:
        import json

        return lambda value: json.dumps(value, ensure_ascii=True, separators=(",", ":"))

    def dumps(value):
        # json.dumps(ensure_ascii=True, separators=(",", ":"), allow_nan=False) through the C
        # encoder; a fresh one per message, as json.dumps does, so its cycle markers start empty.
        encoder = _json.make_encoder({}, _not_serialisable, _json.encode_basestring_ascii, None, ":", ",", False, False, False)
        return "".join(encoder(value, 0))

    return dumps


def _not_serialisable(value):
    raise TypeError("%s is not JSON serialisable" % type(value).__name__)


loads_json = _make_loads()
dumps_json = _make_dumps()


def parse_message(line):
    """One message object from one line; WireError when it is not one."""
    if len(line) > MAX_LINE:
        raise WireError("message longer than %d bytes" % MAX_LINE)
    try:
        message = loads_json(line.decode("utf-8") if type(line) is bytes else line)
    except WireError:
        raise
    except (ValueError, RecursionError, MemoryError) as e:
        raise WireError("malformed message (%s)" % type(e).__name__)
    if type(message) is not dict:
        raise WireError("a message must be a JSON object")
    return message


def dump_message(message):
    return (dumps_json(message) + "\n").encode("ascii")
