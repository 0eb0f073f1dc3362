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

#if !HARNESS_EXCEPTIONS
// Without exceptions, why the last converted result was inexact; empty when it was exact.
inline std::string& inexact_result() {
  static std::string what;
  return what;
}
#endif

// Ends the current conversion as inexact: thrown, or recorded for serve() to find.
template <class R>
R reject_result(const char* what) {
#if HARNESS_EXCEPTIONS
  throw InexactResult{what};
#else
  inexact_result() = what;
  return R{};
#endif
}

template <class R, class T>
R convert_result(T&& v) {
  using S = std::decay_t<T>;
  if constexpr (std::is_arithmetic_v<R> && std::is_arithmetic_v<S> && !std::is_same_v<R, S>) {
    if constexpr (std::is_floating_point_v<S>) {
      if (std::isnan(v)) {
        if constexpr (std::is_floating_point_v<R>) return static_cast<R>(v);
        return reject_result<R>("NaN");
      }
      if constexpr (std::is_integral_v<R>) {
        // Out of range, the cast itself would be undefined.
        if (!(static_cast<long double>(v) >= static_cast<long double>(std::numeric_limits<R>::lowest()) &&
              static_cast<long double>(v) <= static_cast<long double>(std::numeric_limits<R>::max()))) {
          return reject_result<R>("out of range");
        }
      }
    }
    R r = static_cast<R>(v);
    if (static_cast<S>(r) != v) return reject_result<R>("changed by the conversion");
    return r;
  } else {
    return std::forward<T>(v);
  }
}

template <class R, class... A>
int serve(R (*entry)(A...)) {
  int in = -1;
  int out = -1;
  if (!take_private_pipe(in, out)) return 3;
#if !HARNESS_EXCEPTIONS
  decode_failure() = [](const std::string&) { std::exit(3); };
#endif
  for (;;) {
    char kind = 0;
    std::string payload;
    FrameStatus status = read_frame(in, kind, payload, size_t(1) << 30);
    if (status == FrameStatus::eof) return 0;
    if (status != FrameStatus::ok || kind != 'C') return 3;
    std::optional<std::tuple<std::decay_t<A>...>> args;
#if HARNESS_EXCEPTIONS
    try {
#endif
      Reader r{payload.data(), payload.data() + payload.size()};
      // Braced initialisation reads the arguments left to right.
      args = std::tuple<std::decay_t<A>...>{get<std::decay_t<A>>(r)...};
      r.finish();
#if HARNESS_EXCEPTIONS
    } catch (const DecodeError&) {
      return 3;
    }
#endif
    std::optional<R> result;
    std::string inexact;
#if HARNESS_EXCEPTIONS
    try {
      result.emplace(std::apply(entry, std::move(*args)));
    } catch (const InexactResult& e) {
      inexact = e.what;
    }
#else
    inexact_result().clear();
    result.emplace(std::apply(entry, std::move(*args)));
    inexact = inexact_result();
#endif
    if (!inexact.empty()) {
      if (!write_frame(out, 'X', "the function's result does not fit the prompt's return type (" + inexact + ")")) return 3;
      continue;
    }
    Writer w;
    std::string unsupported;
    if (!try_put<R>(w, *result, unsupported)) {
      if (!write_frame(out, 'X', "std::any holding " + unsupported)) return 3;
      continue;
    }
    std::fflush(stdout);
    if (!write_frame(out, 'R', w.out)) return 3;
  }
}

}  // namespace harness
