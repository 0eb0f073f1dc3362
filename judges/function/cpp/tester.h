// Tester runtime of C++ function mode (the trusted side). The function under test is replaced by
// a proxy that sends its arguments to the candidate's process and decodes the answer strictly;
// the dataset's own test main then runs unchanged. The tester's verdict is one report line on its
// stderr, which the candidate cannot reach:
//   @harness-tester pass <calls>            main returned after every assert held
//   @harness-tester assert <line>: <expr>   an assert failed (a wrong answer)
//   @harness-tester no-answer <call>: ...   the candidate ended or closed the pipe without answering
//   @harness-tester bad-answer <call>: ...  the answer was not a well-formed value of the result type
//   @harness-tester test-error ...          the test code threw or crashed on an answer (a wrong answer:
//                                           the tests are trusted and their only input is the answers)
//   @harness-tester unsupported ...         an argument the codec cannot send (a harness limitation)
namespace harness {

constexpr size_t MAX_ANSWER_BYTES = size_t(1) << 30;

struct TesterChannel {
  int in = -1;
  int out = -1;
  long calls = 0;
  // "<call>: " while an answer is decoded, for a decoding failure reported without exceptions.
  std::string decoding;
};

inline TesterChannel& tester_channel() {
  static TesterChannel channel;
  return channel;
}

// Printable ASCII only, and short: the report must stay one line whatever the details hold.
inline std::string clean_detail(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 300) return out + "...";
    out += (c >= 32 && c < 127) ? c : '?';
  }
  return out;
}

[[noreturn]] inline void report_and_exit(const char* status, const std::string& detail) {
  std::fflush(stdout);
  std::fflush(stderr);
  write_all(2, std::string("\n@harness-tester ") + status + " " + clean_detail(detail) + "\n");
  ::_exit(1);
}

inline void report_pass() {
  std::fflush(stdout);
  std::fflush(stderr);
  write_all(2, "\n@harness-tester pass " + std::to_string(tester_channel().calls) + "\n");
}

#if defined(__wasi__)
}  // namespace harness
// Built without exceptions, libc++ aborts where it would throw (at() past the end, a failed
// allocation): the tests failed on the function's answers, as a throw is natively. A trap (an
// out-of-bounds read) cannot be caught in WebAssembly; the WASM judge marks it in the tester's
// stderr and interpret.ts reads that as the same failure.
extern "C" void abort(void) {
  static const char line[] = "\n@harness-tester test-error the tests threw an exception on the function's answers (abort: built without exceptions)\n";
  ssize_t ignored = ::write(2, line, sizeof line - 1);
  (void)ignored;
  ::_exit(1);
}
namespace harness {
#else
extern "C" inline void on_test_crash(int) {
  static const char line[] = "\n@harness-tester test-error a signal while the tests checked the answers\n";
  ssize_t ignored = ::write(2, line, sizeof line - 1);
  (void)ignored;
  ::_exit(1);
}
#endif

// Before the test main: keep the pipe on private descriptors, so a test that prints cannot write
// into the conversation, and register the pass report, which runs only once main has returned.
struct TesterSetup {
  TesterSetup() {
    TesterChannel& ch = tester_channel();
    if (!take_private_pipe(ch.in, ch.out)) report_and_exit("setup-failed", "cannot set up the pipe descriptors");
#if defined(__wasi__)
    // No signals in WASI: a closed pipe is a failed write, and a crash is a trap (see abort above).
#else
    std::signal(SIGPIPE, SIG_IGN);
    std::set_terminate([] { report_and_exit("test-error", "the tests threw an exception on the function's answers"); });
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_test_crash);
#endif
#if !HARNESS_EXCEPTIONS
    decode_failure() = [](const std::string& why) { report_and_exit("bad-answer", tester_channel().decoding + why); };
#endif
    std::atexit(report_pass);
  }
};
inline TesterSetup tester_setup;

inline void check_assert(bool ok, const char* expr, int line) {
  if (!ok) report_and_exit("assert", std::to_string(line) + ": " + expr);
}

template <class R, class... A>
R remote_call(const A&... args) {
  TesterChannel& ch = tester_channel();
  long call = ++ch.calls;
  std::string where = std::to_string(call) + ": ";
  Writer w;
  std::string unsupported;
  bool sendable = true;
  ((sendable = sendable && try_put<A>(w, args, unsupported)), ...);
  if (!sendable) report_and_exit("unsupported", where + "std::any holding " + unsupported);
  if (!write_frame(ch.out, 'C', w.out)) report_and_exit("no-answer", where + "the program stopped reading");
  char kind = 0;
  std::string payload;
  switch (read_frame(ch.in, kind, payload, MAX_ANSWER_BYTES)) {
    case FrameStatus::eof:
      report_and_exit("no-answer", where + "the program ended without answering");
    case FrameStatus::malformed:
      report_and_exit("bad-answer", where + "malformed frame");
    case FrameStatus::ok:
      break;
  }
  if (kind == 'X') report_and_exit("bad-answer", where + "the program could not encode its result: " + payload);
  if (kind != 'R') report_and_exit("bad-answer", where + "unexpected frame kind");
#if HARNESS_EXCEPTIONS
  try {
#endif
    ch.decoding = where;
    Reader r{payload.data(), payload.data() + payload.size()};
    R value = get<R>(r);
    r.finish();
    return value;
#if HARNESS_EXCEPTIONS
  } catch (const DecodeError& e) {
    report_and_exit("bad-answer", where + e.why);
  } catch (const std::bad_alloc&) {
    report_and_exit("bad-answer", where + "the answer is too large to decode");
  }
#endif
}

}  // namespace harness
