// Server of C++ function mode, compiled into the candidate's program ahead of the candidate's code
// (so none of its macros reach this part). It answers each call frame with the encoded result of
// harness_entry, a wrapper around the candidate's function. It runs untrusted: it holds no expected
// answer, and whatever it sends is only data that the tester decodes strictly.
namespace harness {

// A candidate whose own return type differs from the prompt's (double for long, int for bool) is
// judged as the tests would have judged its value: a value the prompt's type cannot hold exactly
// (5.5 as long, 2 as bool, 0.1 as float) is not silently converted into one that compares equal.
struct InexactResult {
  std::string what;
};

template <class R, class T>
R convert_result(T&& v) {
  using S = std::decay_t<T>;
  if constexpr (std::is_arithmetic_v<R> && std::is_arithmetic_v<S> && !std::is_same_v<R, S>) {
    if constexpr (std::is_floating_point_v<S>) {
      if (std::isnan(v)) {
        if constexpr (std::is_floating_point_v<R>) return static_cast<R>(v);
        throw InexactResult{"NaN"};
      }
      if constexpr (std::is_integral_v<R>) {
        // Out of range, the cast itself would be undefined.
        if (!(static_cast<long double>(v) >= static_cast<long double>(std::numeric_limits<R>::lowest()) &&
              static_cast<long double>(v) <= static_cast<long double>(std::numeric_limits<R>::max()))) {
          throw InexactResult{"out of range"};
        }
      }
    }
    R r = static_cast<R>(v);
    if (static_cast<S>(r) != v) throw InexactResult{"changed by the conversion"};
    return r;
  } else {
    return std::forward<T>(v);
  }
}

template <class R, class... A>
int serve(R (*entry)(A...)) {
  // The pipe moves to private descriptors; the candidate's own stdout goes to stderr and its stdin
  // is empty, so a debugging print cannot garble an answer.
  int in = ::dup(0);
  int out = ::dup(1);
  int null_fd = ::open("/dev/null", O_RDONLY);
  if (in < 0 || out < 0 || null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(2, 1) < 0) return 3;
  ::close(null_fd);
  for (;;) {
    char kind = 0;
    std::string payload;
    FrameStatus status = read_frame(in, kind, payload, size_t(1) << 30);
    if (status == FrameStatus::eof) return 0;
    if (status != FrameStatus::ok || kind != 'C') return 3;
    std::optional<std::tuple<std::decay_t<A>...>> args;
    try {
      Reader r{payload.data(), payload.data() + payload.size()};
      // Braced initialisation reads the arguments left to right.
      args = std::tuple<std::decay_t<A>...>{get<std::decay_t<A>>(r)...};
      r.finish();
    } catch (const DecodeError&) {
      return 3;
    }
    std::optional<R> result;
    try {
      result.emplace(std::apply(entry, std::move(*args)));
    } catch (const InexactResult& e) {
      if (!write_frame(out, 'X', "the function's result does not fit the prompt's return type (" + e.what + ")")) return 3;
      continue;
    }
    Writer w;
    try {
      put<R>(w, *result);
    } catch (const UnsupportedAny& e) {
      if (!write_frame(out, 'X', "std::any holding " + e.type)) return 3;
      continue;
    }
    std::fflush(stdout);
    if (!write_frame(out, 'R', w.out)) return 3;
  }
}

}  // namespace harness
