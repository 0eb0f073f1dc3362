// Value codec of C++ function mode: the tester (trusted) and the candidate's server (untrusted)
// exchange arguments and results as plain data, never code. Encoding is driven by the static C++
// type on both sides, so a value carries no type tags (except inside std::any); decoding is strict:
// every token must match its type exactly, container sizes are bounded by the bytes that remain,
// and a message must be consumed to its last byte.
//
// Tokens end with one space. Integers and chars: decimal. bool: 0 or 1. float and double: C99
// hexfloat (exact), or inf / -inf / nan / -nan. Strings: <length>:<bytes>. Sequences, sets and maps:
// <count> then the elements (maps: key, value). optional: 0, or 1 then the value. pair and tuple:
// the elements in order. std::any: a tag token, then the value (see any_tags below).
//
// Built with exceptions (g++, the local judge) a decoding error is thrown as DecodeError and a
// std::any the codec cannot send as UnsupportedAny. Built without them (clang's wasm32-wasi target,
// the WASM judge), the same failures take error paths with the same outcomes: a decoding error calls
// the side's decode_failure handler, which ends the process, and try_put reports an unsendable any.
#if defined(__cpp_exceptions)
#define HARNESS_EXCEPTIONS 1
#else
#define HARNESS_EXCEPTIONS 0
#endif

namespace harness {

struct DecodeError {
  std::string why;
};

#if !HARNESS_EXCEPTIONS
// What a side does with a message it cannot decode; it must not return.
using DecodeFailure = void (*)(const std::string& why);
inline DecodeFailure& decode_failure() {
  static DecodeFailure handler = nullptr;
  return handler;
}
#endif

struct Writer {
  std::string out;
  void token(const std::string& t) {
    out += t;
    out += ' ';
  }
};

struct Reader {
  const char* p;
  const char* end;
  size_t remaining() const { return static_cast<size_t>(end - p); }
  [[noreturn]] void fail(const std::string& why) const {
#if HARNESS_EXCEPTIONS
    throw DecodeError{why};
#else
    if (DecodeFailure handler = decode_failure()) handler(why);
    ::_exit(3);
#endif
  }
  // One token, up to its terminating space (which is consumed).
  std::string_view token() {
    const char* start = p;
    while (p < end && *p != ' ') ++p;
    if (p == end) fail("message ends inside a token");
    std::string_view t(start, static_cast<size_t>(p - start));
    ++p;
    if (t.empty()) fail("empty token");
    return t;
  }
  // A count of following items; each takes at least two bytes, so a larger count is a lie.
  size_t count() {
    std::string_view t = token();
    size_t n = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), n);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size()) fail("bad count");
    if (n > remaining() / 2) fail("count larger than the message");
    return n;
  }
  void finish() const {
    if (p != end) fail("trailing bytes after the value");
  }
};

template <class T, class = void>
struct codec;  // no definition: a type the codec does not know is a compile error

template <class T>
void put(Writer& w, const T& v) {
  codec<T>::put(w, v);
}
template <class T>
T get(Reader& r) {
  return codec<T>::get(r);
}

template <class T>
struct codec<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static void put(Writer& w, T v) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    w.token(std::string(buf, res.ptr));
  }
  static T get(Reader& r) {
    std::string_view t = r.token();
    T v{};
    auto res = std::from_chars(t.data(), t.data() + t.size(), v);
    if (res.ec == std::errc::result_out_of_range) r.fail("integer out of range");
    if (res.ec != std::errc() || res.ptr != t.data() + t.size()) r.fail("bad integer");
    return v;
  }
};

template <>
struct codec<bool> {
  static void put(Writer& w, bool v) { w.token(v ? "1" : "0"); }
  static bool get(Reader& r) {
    std::string_view t = r.token();
    if (t == "0") return false;
    if (t == "1") return true;
    r.fail("bad bool");
  }
};

template <class T>
struct codec<T, std::enable_if_t<std::is_same_v<T, float> || std::is_same_v<T, double>>> {
  static void put(Writer& w, T v) {
    double d = v;  // float -> double is exact
    if (std::isnan(d)) return w.token(std::signbit(d) ? "-nan" : "nan");
    if (std::isinf(d)) return w.token(d < 0 ? "-inf" : "inf");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a", d);
    w.token(buf);
  }
  static T get(Reader& r) {
    std::string_view t = r.token();
    if (t == "nan") return std::numeric_limits<T>::quiet_NaN();
    if (t == "-nan") return -std::numeric_limits<T>::quiet_NaN();
    if (t == "inf") return std::numeric_limits<T>::infinity();
    if (t == "-inf") return -std::numeric_limits<T>::infinity();
    // Only what %a writes: [-]0x<hex>[.<hex>]p<sign><digits>; strtod alone would accept more.
    size_t i = t[0] == '-' ? 1 : 0;
    if (t.size() < i + 5 || t.compare(i, 2, "0x") != 0) r.fail("bad float");
    for (size_t j = i + 2; j < t.size(); ++j) {
      char c = t[j];
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'p' || c == '+' || c == '-')) r.fail("bad float");
    }
    std::string s(t);
    char* endp = nullptr;
    double d = std::strtod(s.c_str(), &endp);
    if (endp != s.c_str() + s.size()) r.fail("bad float");
    return static_cast<T>(d);
  }
};

template <>
struct codec<std::string> {
  static void put(Writer& w, const std::string& v) {
    w.out += std::to_string(v.size());
    w.out += ':';
    w.out += v;
    w.out += ' ';
  }
  static std::string get(Reader& r) {
    const char* colon = static_cast<const char*>(std::memchr(r.p, ':', std::min<size_t>(r.remaining(), 24)));
    if (!colon) r.fail("bad string length");
    size_t n = 0;
    auto res = std::from_chars(r.p, colon, n);
    if (res.ec != std::errc() || res.ptr != colon || colon == r.p) r.fail("bad string length");
    r.p = colon + 1;
    if (n >= r.remaining()) r.fail("string longer than the message");
    std::string v(r.p, n);
    r.p += n;
    if (*r.p != ' ') r.fail("string not followed by a space");
    ++r.p;
    return v;
  }
};

// Sequences (vector, deque, list) and sets: the elements in order.
template <class C>
void put_range(Writer& w, const C& c) {
  put<size_t>(w, static_cast<size_t>(std::distance(c.begin(), c.end())));
  for (const auto& e : c) put(w, e);
}

template <class T>
struct codec<std::vector<T>> {
  static void put(Writer& w, const std::vector<T>& v) {
    harness::put<size_t>(w, v.size());
    for (size_t i = 0; i < v.size(); ++i) harness::put<T>(w, v[i]);  // vector<bool> yields proxies
  }
  static std::vector<T> get(Reader& r) {
    size_t n = r.count();
    std::vector<T> v;
    v.reserve(n);
    for (size_t i = 0; i < n; ++i) v.push_back(harness::get<T>(r));
    return v;
  }
};

template <class T>
struct codec<std::deque<T>> {
  static void put(Writer& w, const std::deque<T>& v) { put_range(w, v); }
  static std::deque<T> get(Reader& r) {
    size_t n = r.count();
    std::deque<T> v;
    for (size_t i = 0; i < n; ++i) v.push_back(harness::get<T>(r));
    return v;
  }
};

template <class T>
struct codec<std::list<T>> {
  static void put(Writer& w, const std::list<T>& v) { put_range(w, v); }
  static std::list<T> get(Reader& r) {
    size_t n = r.count();
    std::list<T> v;
    for (size_t i = 0; i < n; ++i) v.push_back(harness::get<T>(r));
    return v;
  }
};

// Sets and maps reject duplicate keys: a well-formed container never holds them.
template <class S>
struct set_codec {
  static void put(Writer& w, const S& s) { put_range(w, s); }
  static S get(Reader& r) {
    size_t n = r.count();
    S s;
    for (size_t i = 0; i < n; ++i) {
      if (!s.insert(harness::get<typename S::value_type>(r)).second) r.fail("duplicate set element");
    }
    return s;
  }
};
template <class T, class Cmp, class A>
struct codec<std::set<T, Cmp, A>> : set_codec<std::set<T, Cmp, A>> {};
template <class T, class H, class E, class A>
struct codec<std::unordered_set<T, H, E, A>> : set_codec<std::unordered_set<T, H, E, A>> {};

template <class M>
struct map_codec {
  static void put(Writer& w, const M& m) {
    harness::put<size_t>(w, m.size());
    for (const auto& kv : m) {
      harness::put<typename M::key_type>(w, kv.first);
      harness::put<typename M::mapped_type>(w, kv.second);
    }
  }
  static M get(Reader& r) {
    size_t n = r.count();
    M m;
    for (size_t i = 0; i < n; ++i) {
      auto k = harness::get<typename M::key_type>(r);
      auto v = harness::get<typename M::mapped_type>(r);
      if (!m.emplace(std::move(k), std::move(v)).second) r.fail("duplicate map key");
    }
    return m;
  }
};
template <class K, class V, class Cmp, class A>
struct codec<std::map<K, V, Cmp, A>> : map_codec<std::map<K, V, Cmp, A>> {};
template <class K, class V, class H, class E, class A>
struct codec<std::unordered_map<K, V, H, E, A>> : map_codec<std::unordered_map<K, V, H, E, A>> {};

template <class T>
struct codec<std::optional<T>> {
  static void put(Writer& w, const std::optional<T>& v) {
    harness::put<bool>(w, v.has_value());
    if (v) harness::put<T>(w, *v);
  }
  static std::optional<T> get(Reader& r) {
    if (!harness::get<bool>(r)) return std::nullopt;
    return harness::get<T>(r);
  }
};

template <class A, class B>
struct codec<std::pair<A, B>> {
  static void put(Writer& w, const std::pair<A, B>& v) {
    harness::put<A>(w, v.first);
    harness::put<B>(w, v.second);
  }
  static std::pair<A, B> get(Reader& r) {
    A a = harness::get<A>(r);  // sequenced: braces would also do, but this reads plainly
    B b = harness::get<B>(r);
    return {std::move(a), std::move(b)};
  }
};

template <class... T>
struct codec<std::tuple<T...>> {
  static void put(Writer& w, const std::tuple<T...>& v) {
    std::apply([&](const T&... e) { (harness::put<T>(w, e), ...); }, v);
  }
  static std::tuple<T...> get(Reader& r) {
    // Braced initialisation evaluates left to right, so the elements are read in order.
    return std::tuple<T...>{harness::get<T>(r)...};
  }
};

// std::any (MultiPL-E's translation of Python's Any): the dynamic types its rows put in one.
// Strings held as const char* (a literal in an initializer list) decode into an arena that lives
// as long as the process.
inline std::deque<std::string>& cstring_arena() {
  static std::deque<std::string> arena;
  return arena;
}

template <class T>
bool put_any_as(Writer& w, const std::any& a, const char* tag) {
  const T* v = std::any_cast<T>(&a);
  if (!v) return false;
  w.token(tag);
  harness::put<T>(w, *v);
  return true;
}

struct UnsupportedAny {
  std::string type;
};

#if !HARNESS_EXCEPTIONS
// The type of the first std::any the current try_put could not encode; empty when none.
inline std::string& unsupported_any_type() {
  static std::string type;
  return type;
}
#endif

// A value the codec cannot send (a std::any's type, a union with no member set): thrown, or
// recorded for try_put to find.
inline void reject_unsendable(const std::string& type) {
#if HARNESS_EXCEPTIONS
  throw UnsupportedAny{type};
#else
  if (unsupported_any_type().empty()) unsupported_any_type() = type;
#endif
}

template <>
struct codec<std::any> {
  static void put(Writer& w, const std::any& a) {
    if (!a.has_value()) return w.token("none");
    if (const char* const* s = std::any_cast<const char*>(&a)) {
      w.token("cstr");
      return harness::put<std::string>(w, std::string(*s ? *s : ""));
    }
    if (put_any_as<long>(w, a, "long") || put_any_as<int>(w, a, "int") || put_any_as<long long>(w, a, "llong") ||
        put_any_as<double>(w, a, "double") || put_any_as<float>(w, a, "float") || put_any_as<bool>(w, a, "bool") ||
        put_any_as<char>(w, a, "char") || put_any_as<std::string>(w, a, "string") ||
        put_any_as<std::vector<long>>(w, a, "vector<long>") || put_any_as<std::vector<std::string>>(w, a, "vector<string>") ||
        put_any_as<std::map<long, long>>(w, a, "map<long,long>") || put_any_as<std::vector<std::any>>(w, a, "vector<any>") ||
        put_any_as<std::nullopt_t>(w, a, "nullopt") || put_any_as<std::vector<int>>(w, a, "vector<int>") ||
        put_any_as<std::vector<float>>(w, a, "vector<float>") || put_any_as<std::vector<double>>(w, a, "vector<double>") ||
        put_any_as<std::vector<std::vector<long>>>(w, a, "vector<vector<long>>") ||
        put_any_as<std::map<std::string, long>>(w, a, "map<string,long>") || put_any_as<std::tuple<long, long>>(w, a, "tuple<long,long>") ||
        put_any_as<std::tuple<>>(w, a, "tuple<>")) {
      return;
    }
    reject_unsendable(a.type().name());
  }
  static std::any get(Reader& r) {
    std::string_view tag = r.token();
    if (tag == "none") return std::any();
    if (tag == "cstr") return std::any(static_cast<const char*>(cstring_arena().emplace_back(harness::get<std::string>(r)).c_str()));
    if (tag == "long") return harness::get<long>(r);
    if (tag == "int") return harness::get<int>(r);
    if (tag == "llong") return harness::get<long long>(r);
    if (tag == "double") return harness::get<double>(r);
    if (tag == "float") return harness::get<float>(r);
    if (tag == "bool") return harness::get<bool>(r);
    if (tag == "char") return harness::get<char>(r);
    if (tag == "string") return harness::get<std::string>(r);
    if (tag == "vector<long>") return harness::get<std::vector<long>>(r);
    if (tag == "vector<string>") return harness::get<std::vector<std::string>>(r);
    if (tag == "map<long,long>") return harness::get<std::map<long, long>>(r);
    if (tag == "vector<any>") return harness::get<std::vector<std::any>>(r);
    if (tag == "nullopt") return std::any(std::nullopt);
    if (tag == "vector<int>") return harness::get<std::vector<int>>(r);
    if (tag == "vector<float>") return harness::get<std::vector<float>>(r);
    if (tag == "vector<double>") return harness::get<std::vector<double>>(r);
    if (tag == "vector<vector<long>>") return harness::get<std::vector<std::vector<long>>>(r);
    if (tag == "map<string,long>") return harness::get<std::map<std::string, long>>(r);
    if (tag == "tuple<long,long>") return harness::get<std::tuple<long, long>>(r);
    if (tag == "tuple<>") return std::tuple<>();
    r.fail("unknown std::any tag");
  }
};

// Encodes v; false, with the type named in `unsupported`, when a std::any in it holds a type the
// codec cannot send (what was written is then of no use).
template <class T>
bool try_put(Writer& w, const T& v, std::string& unsupported) {
#if HARNESS_EXCEPTIONS
  try {
    put<T>(w, v);
    return true;
  } catch (const UnsupportedAny& e) {
    unsupported = e.type;
    return false;
  }
#else
  unsupported_any_type().clear();
  put<T>(w, v);
  unsupported = unsupported_any_type();
  return unsupported.empty();
#endif
}

template <>
struct codec<std::nullopt_t> {
  static void put(Writer& w, std::nullopt_t) { w.token("nullopt"); }
  static std::nullopt_t get(Reader& r) {
    if (r.token() != "nullopt") r.fail("bad nullopt");
    return std::nullopt;
  }
};

// Frames on a file descriptor: "<kind> <length>\n" then <length> bytes. Kinds: C (a call's
// arguments), R (a result), X (the server could not encode a result; the payload says why).
inline bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

inline bool write_frame(int fd, char kind, const std::string& payload) {
  return write_all(fd, std::string(1, kind) + " " + std::to_string(payload.size()) + "\n" + payload);
}

enum class FrameStatus { ok, eof, malformed };

// Reads one frame; the payload grows as bytes arrive, so a forged length allocates nothing.
inline FrameStatus read_frame(int fd, char& kind, std::string& payload, size_t max_bytes) {
  std::string header;
  char c;
  for (;;) {
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return header.empty() ? FrameStatus::eof : FrameStatus::malformed;
    if (c == '\n') break;
    header += c;
    if (header.size() > 24) return FrameStatus::malformed;
  }
  if (header.size() < 3 || header[1] != ' ') return FrameStatus::malformed;
  kind = header[0];
  size_t len = 0;
  auto res = std::from_chars(header.data() + 2, header.data() + header.size(), len);
  if (res.ec != std::errc() || res.ptr != header.data() + header.size() || len > max_bytes) return FrameStatus::malformed;
  payload.clear();
  char buf[65536];
  while (payload.size() < len) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, len - payload.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return FrameStatus::malformed;
    payload.append(buf, static_cast<size_t>(n));
  }
  return FrameStatus::ok;
}

// Both sides move the pipe to private descriptors, then point stdin at /dev/null and stdout at
// stderr, so a debugging print cannot garble the conversation. Returns false when that fails.
inline bool take_private_pipe(int& in, int& out) {
#if defined(__wasi__)
  // WASI has no dup: the pipe ends are renumbered onto placeholders, and /dev/null and the
  // runtime's /dev/stderr are renumbered onto 0 and 1.
  in = ::open("/dev/null", O_RDONLY);
  out = ::open("/dev/null", O_RDONLY);
  int null_fd = ::open("/dev/null", O_RDONLY);
  int err_fd = ::open("/dev/stderr", O_WRONLY);
  return in >= 0 && out >= 0 && null_fd >= 0 && err_fd >= 0 && __wasi_fd_renumber(0, in) == 0 && __wasi_fd_renumber(1, out) == 0 &&
         __wasi_fd_renumber(null_fd, 0) == 0 && __wasi_fd_renumber(err_fd, 1) == 0;
#else
  in = ::dup(0);
  out = ::dup(1);
  int null_fd = ::open("/dev/null", O_RDONLY);
  if (in < 0 || out < 0 || null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(2, 1) < 0) return false;
  ::close(null_fd);
  return true;
#endif
}

}  // namespace harness
