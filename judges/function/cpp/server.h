// Server of C++ function mode, compiled into the candidate's program ahead of the candidate's code
// (so none of its macros reach this part). It answers each call frame with the encoded result of
// harness_entry, a wrapper around the candidate's function. It runs untrusted: it holds no expected
// answer, and whatever it sends is only data that the tester decodes strictly.
namespace harness {

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
    R result = std::apply(entry, std::move(*args));
    Writer w;
    try {
      put<R>(w, result);
    } catch (const UnsupportedAny& e) {
      if (!write_frame(out, 'X', "std::any holding " + e.type)) return 3;
      continue;
    }
    std::fflush(stdout);
    if (!write_frame(out, 'R', w.out)) return 3;
  }
}

}  // namespace harness
