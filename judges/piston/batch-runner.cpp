// The Piston backend's batch runner (see judges/piston/batch.ts): sent as the program of ONE
// Piston execute, it compiles the candidate once with the run stage's own g++ and runs it once per
// test, each test a fresh child with its own stdin, limits and pipes, and reports every test on its
// stdout in frames that start with a per-request token.
//
// Why a candidate cannot forge a frame: the token, the tests and the limits arrive in batch.in,
// which this runner reads and unlinks before any candidate code runs; the runner then makes itself
// non-dumpable, so its children (same uid) can neither read its memory nor open its /proc fds
// (stdout included). A child's stdout and stderr are pipes this runner reads; nothing a child
// writes reaches the runner's stdout except inside a frame's length-counted body.
//
// batch.in: "token\n" "cpu_ms wall_ms mem_kb out_bytes file_bytes budget_ms report_bytes\n"
//           "flag count\n" flags one a line, then per test "input_len\n" + input bytes.
// stdout:   per test "TOKEN R index term code signal cpu_ms wall_ms mem_kb out_len err_len\n" out err,
//           or "TOKEN F index\n" (ran, but its output does not fit the report: run it alone),
//           compile failure "TOKEN C\n", last "TOKEN E count\n".
// term: x exited, n nonzero, s signaled, c cpu_time, w wall_time, m memory, o output.
//
// Slice mode (the limits line ends with "slice_offset slice_len", slice_len > 0; one test): for a
// server whose output cap is below the run's output limit. The test runs as above, but its stdout
// is only hashed and counted, and the report is "TOKEN S term code signal cpu wall mem total_len
// sha256 slice_b64_len err_b64_len\n" followed by base64 of stdout bytes [offset, offset+len) and of
// the first stderr bytes that fit; base64 so no slice boundary splits a UTF-8 character in transit.
#include <dirent.h>
#include <ftw.h>
#include <set>
#include <sys/shm.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

static std::string token;
static long long cpuMs, wallMs, memKb, outBytes, fileBytes, budgetMs, reportBytes;
static long long sliceOffset = 0, sliceLen = 0;

// SHA-256 (FIPS 180-4), streamed: slice mode hashes the whole stdout without keeping it.
struct Sha256 {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  unsigned char block[64];
  size_t used = 0;
  unsigned long long bits = 0;
  static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void compress() {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3), s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  void update(const char* p, size_t n) {
    for (size_t i = 0; i < n; i++) {
      block[used++] = (unsigned char)p[i];
      if (used == 64) compress(), used = 0;
    }
    bits += 8ULL * n;
  }
  std::string hex() {
    unsigned long long total = bits;
    unsigned char pad = 0x80;
    update((const char*)&pad, 1);
    pad = 0;
    while (used != 56) update((const char*)&pad, 1);
    for (int i = 7; i >= 0; i--) block[used++] = (unsigned char)(total >> (8 * i));
    compress();
    char out[65];
    for (int i = 0; i < 8; i++) snprintf(out + 8 * i, 9, "%08x", h[i]);
    return out;
  }
};

static std::string base64(const std::string& in) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = (unsigned char)in[i] << 16 | (i + 1 < in.size() ? (unsigned char)in[i + 1] << 8 : 0) | (i + 2 < in.size() ? (unsigned char)in[i + 2] : 0);
    out += abc[v >> 18 & 63], out += abc[v >> 12 & 63];
    out += i + 1 < in.size() ? abc[v >> 6 & 63] : '=';
    out += i + 2 < in.size() ? abc[v & 63] : '=';
  }
  return out;
}

static long long nowMs() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void emit(const std::string& s) {
  for (size_t done = 0; done < s.size();) {
    ssize_t n = write(1, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);
    done += n;
  }
}

static std::string readAll(const char* path) {
  std::string data;
  int fd = open(path, O_RDONLY);
  if (fd < 0) { perror("batch.in"); _exit(2); }
  char buf[65536];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) data.append(buf, n);
  close(fd);
  return data;
}

// Runs g++ on the candidate; true when it compiled.
static bool compileCandidate(const std::vector<std::string>& flags) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{(char*)"g++"};
    for (auto& f : flags) argv.push_back((char*)f.c_str());
    // Not a .cpp name: stock Piston's compile stage compiles every *.cpp in the job folder.
    for (const char* a : {"-o", "candidate", "-x", "c++", "candidate.src"}) argv.push_back((char*)a);
    argv.push_back(nullptr);
    dup2(2, 1);
    execvp("g++", argv.data());
    _exit(127);
  }
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

// Reads /proc/PID/NAME into buf (NUL-terminated); false when unreadable (the child is gone).
static bool readProcFile(pid_t pid, const char* name, char* buf, size_t size) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return false;
  ssize_t n = read(fd, buf, size - 1);
  close(fd);
  if (n <= 0) return false;
  buf[n] = 0;
  return true;
}

// Resident memory of a running child, KiB, from /proc (0 when unreadable).
static long long childRssKb(pid_t pid) {
  char buf[4096];
  if (!readProcFile(pid, "status", buf, sizeof buf)) return 0;
  const char* p = strstr(buf, "VmRSS:");
  return p ? atoll(p + 6) : 0;
}

// CPU time of a running child, ms, from /proc (0 when unreadable).
static long long childCpuMs(pid_t pid) {
  char buf[1024];
  if (!readProcFile(pid, "stat", buf, sizeof buf)) return 0;
  char* p = strrchr(buf, ')');
  unsigned long long ut = 0, st = 0;
  if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return 0;
  return (long long)(ut + st) * 1000 / sysconf(_SC_CLK_TCK);
}

// In slice mode `out` holds only the slice; `outTotal` and `outHash` cover the whole stdout.
struct Result { char term; int code, sig; long long cpu, wall, mem; std::string out, err; long long outTotal; std::string outHash; };

static void killStrays();
static long long childrenCpuMs() {
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000LL + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

// Bytes written to the box's tmpfs folders (the test's folder, /tmp, /dev/shm) since `base`: tmpfs
// pages are memory, which the local judge's cgroup charges to the test, so they count here too.
struct TmpfsUse { std::vector<std::pair<std::string, long long>> used; };
static TmpfsUse tmpfsUse(bool box) {
  TmpfsUse u;
  std::set<std::pair<int, int>> seen;
  for (const char* dir : {".", "/tmp", "/dev/shm"}) {
    struct statfs fs{};
    if (!box && strcmp(dir, ".") != 0) continue;
    if (statfs(dir, &fs) != 0 || fs.f_type != TMPFS_MAGIC) continue;
    std::pair<int, int> id{fs.f_fsid.__val[0], fs.f_fsid.__val[1]};
    if (!seen.insert(id).second) continue;
    u.used.push_back({dir, (long long)(fs.f_blocks - fs.f_bfree) * fs.f_bsize});
  }
  return u;
}
static long long tmpfsGrowthKb(const TmpfsUse& base) {
  long long grown = 0;
  for (auto& [dir, used] : base.used) {
    struct statfs fs{};
    if (statfs(dir.c_str(), &fs) == 0) grown += std::max(0LL, (long long)(fs.f_blocks - fs.f_bfree) * fs.f_bsize - used);
  }
  return grown / 1024;
}

static Result runTest(const std::string& input, bool box) {
  Result r{'x', 0, 0, 0, 0, 0, "", "", 0, ""};
  Sha256 hash;
  int in = (int)syscall(SYS_memfd_create, "stdin", 0);
  if (in < 0 || write(in, input.data(), input.size()) != (ssize_t)input.size() || lseek(in, 0, SEEK_SET) != 0) _exit(4);
  int out[2], err[2];
  if (pipe(out) || pipe(err)) _exit(4);
  TmpfsUse disk = tmpfsUse(box);
  long long cpuBefore = childrenCpuMs();
  long long start = nowMs();
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    dup2(in, 0), dup2(out[1], 1), dup2(err[1], 2);
    for (int fd = 3; fd < 1024; fd++) close(fd);
    // RLIMIT_CPU is a backstop: the runner's polling decides. No address-space limit: the local
    // judge limits memory touched (a cgroup), and a program that reserves far more than it touches
    // is judged there by what it touches; the stage's own memory limit bounds a fast allocator.
    rlimit cpu{(rlim_t)(cpuMs / 1000 + 1), (rlim_t)(cpuMs / 1000 + 2)}, fsz{(rlim_t)fileBytes, (rlim_t)fileBytes}, core{0, 0};
    setrlimit(RLIMIT_CPU, &cpu), setrlimit(RLIMIT_FSIZE, &fsz), setrlimit(RLIMIT_CORE, &core);
    if (chdir("run") != 0) _exit(127);
    signal(SIGPIPE, SIG_DFL);
    execl("../candidate", "candidate", (char*)nullptr);
    _exit(127);
  }
  close(in), close(out[1]), close(err[1]);
  for (int fd : {out[0], err[0]}) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  char buf[65536];
  int st = 0;
  rusage ru{};
  bool exited = false;
  int pollMs = 10;
  // As locally, the test ends when its main process does (what it left is killed); the pipes are
  // drained of what was already written.
  while (r.term == 'x') {
    poll(fds, 2, exited ? 0 : pollMs);
    for (int i = 0; i < 2; i++) {
      for (ssize_t n; fds[i].fd >= 0 && r.term == 'x' && (n = read(fds[i].fd, buf, sizeof buf)) != 0;) {
        if (n < 0) break;
        if (i == 0 && sliceLen > 0) {
          // Only the slice is kept; the whole stream is counted and hashed.
          long long from = std::max(sliceOffset, r.outTotal), to = std::min(sliceOffset + sliceLen, r.outTotal + n);
          if (from < to) r.out.append(buf + (from - r.outTotal), to - from);
          hash.update(buf, n);
          r.outTotal += n;
          if (r.outTotal > outBytes) r.term = 'o';
          continue;
        }
        std::string& s = i == 0 ? r.out : r.err;
        s.append(buf, n);
        if ((long long)s.size() > outBytes) s.resize(outBytes), r.term = 'o';
      }
    }
    if (exited) break;
    if (wait4(pid, &st, WNOHANG, &ru) == pid) { exited = true; continue; }
    // Memory first, as the local judge's OOM kill wins over its time limits: a runner that was not
    // scheduled while its test crossed the memory limit finds the test far past it, maybe past its
    // CPU or wall limit too (thrashing at the stage's larger limit), and it was the memory that failed.
    long long usedKb = childRssKb(pid) + tmpfsGrowthKb(disk);
    if (usedKb > memKb) r.term = 'm';
    else if (childCpuMs(pid) > cpuMs) r.term = 'c';
    else if (nowMs() - start > wallMs) r.term = 'w';
    // Near the limit, look every millisecond: the cgroup the local judge uses stops a program at
    // the limit itself, and a program writing files or touching pages fast moves ~1 MiB a ms.
    pollMs = usedKb * 4 > memKb * 3 ? 1 : 10;
  }
  kill(-pid, SIGKILL);
  if (!exited) while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR) {}
  r.wall = nowMs() - start;
  long long written = tmpfsGrowthKb(disk);
  killStrays();  // reaps what the test left, so RUSAGE_CHILDREN holds their CPU time too
  close(out[0]), close(err[0]);
  r.cpu = childrenCpuMs() - cpuBefore;
  r.outHash = hash.hex();
  r.mem = ru.ru_maxrss + written;
  if (r.term == 'm') r.mem = std::max(r.mem, memKb + 1);
  if (r.term != 'x') return r;
  // A test that ended on its own is still held to every limit: the runner may not have looked while
  // it ran (it was not scheduled, or the candidate stopped it with SIGSTOP and let it go on at exit).
  if (r.mem > memKb) r.term = 'm';
  else if (r.cpu > cpuMs) r.term = 'c';
  else if (r.wall > wallMs) r.term = 'w';
  else if (WIFSIGNALED(st)) r.term = 's', r.sig = WTERMSIG(st);
  else if (WEXITSTATUS(st) != 0) r.term = 'n', r.code = WEXITSTATUS(st);
  return r;
}

// Ends every descendant of this runner. The runner is a child subreaper, so what a test left
// (a setsid daemon, a double fork) is reparented here, not to init, and is found and killed before
// the next test. Processes that are not descendants (other jobs, the user's) are never touched.
static void killStrays() {
  pid_t self = getpid();
  for (int round = 0; round < 3; round++) {
    std::vector<std::pair<pid_t, pid_t>> parents;
    if (DIR* proc = opendir("/proc")) {
      while (dirent* e = readdir(proc)) {
        pid_t p = atoi(e->d_name);
        char path[64], buf[1024];
        snprintf(path, sizeof path, "/proc/%d/stat", p);
        int fd = p > 0 ? open(path, O_RDONLY) : -1;
        if (fd < 0) continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) continue;
        buf[n] = 0;
        const char* q = strrchr(buf, ')');
        int parent = 0;
        if (q && sscanf(q + 2, "%*c %d", &parent) == 1) parents.push_back({p, parent});
      }
      closedir(proc);
    }
    std::set<pid_t> mine{self};
    for (bool grew = true; grew;) {
      grew = false;
      for (auto [p, parent] : parents) if (mine.count(parent) && !mine.count(p)) mine.insert(p), grew = true;
    }
    mine.erase(self);
    for (pid_t p : mine) kill(p, SIGKILL);
    // SIGKILL lands asynchronously: reap until no child is left, never blocking on a survivor.
    for (long long until = nowMs() + 500; nowMs() < until;) {
      pid_t w = waitpid(-1, nullptr, WNOHANG | __WALL);
      if (w < 0) break;
      if (w == 0) usleep(1000);
    }
    if (mine.empty()) break;
  }
}

static int removeEntry(const char* path, const struct stat*, int, FTW*) {
  remove(path);
  return 0;
}

// Empties a folder (best effort: what this uid may remove), keeping the named entries.
static void emptyFolder(const std::string& dir, const std::set<std::string>& keep = {}) {
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> doomed;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != ".." && !keep.count(name)) doomed.push_back(dir + "/" + name);
  }
  closedir(d);
  for (auto& path : doomed) nftw(path.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS);
}

// SysV shared memory segments this uid created outlive their processes.
static void removeSharedMemory() {
  shmid_ds info{};
  int last = shmctl(0, SHM_INFO, &info);
  for (int i = 0; i <= last; i++) {
    int id = shmctl(i, SHM_STAT, &info);
    if (id >= 0) shmctl(id, IPC_RMID, nullptr);
  }
}

// Whether this runner is in a pid namespace of its own (a Piston box, bubblewrap), where /tmp and
// /dev/shm are the box's: the initial namespace's /proc inode is a kernel constant.
static bool inOwnBox() {
  struct stat st{};
  return stat("/proc/self/ns/pid", &st) == 0 && st.st_ino != 0xEFFFFFFCu;
}

static std::set<std::string> listFolder(const std::string& dir) {
  std::set<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) names.insert(e->d_name);
    closedir(d);
  }
  return names;
}

// What an earlier test left must not reach the next: processes, shared memory, files in the test's
// folder (run/) and the job folder (all but what was there before the first test), and, inside a
// box of its own, what appeared in /tmp and /dev/shm since the runner started.
struct Baseline { std::set<std::string> job, tmp, shm; bool box; };
static void resetBetweenTests(const Baseline& base) {
  killStrays();
  removeSharedMemory();
  emptyFolder(".", base.job);
  if (base.box) emptyFolder("/tmp", base.tmp), emptyFolder("/dev/shm", base.shm);
  mkdir("run", 0700);
}

int main() {
  long long started = nowMs();
  prctl(PR_SET_DUMPABLE, 0);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  std::string data = readAll("batch.in");
  unlink("batch.in");
  size_t pos = 0;
  auto line = [&]() {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) _exit(2);
    std::string s = data.substr(pos, end - pos);
    pos = end + 1;
    return s;
  };
  token = line();
  int limitFields = sscanf(line().c_str(), "%lld %lld %lld %lld %lld %lld %lld %lld %lld", &cpuMs, &wallMs, &memKb, &outBytes, &fileBytes, &budgetMs, &reportBytes, &sliceOffset, &sliceLen);
  if (limitFields != 7 && limitFields != 9) _exit(2);
  std::vector<std::string> flags(atoi(line().c_str()));
  for (auto& f : flags) f = line();
  std::vector<std::string> inputs;
  while (pos < data.size()) {
    size_t len = strtoull(line().c_str(), nullptr, 10);
    if (pos + len > data.size()) _exit(2);
    inputs.push_back(data.substr(pos, len));
    pos += len;
  }
  data.clear();
  signal(SIGPIPE, SIG_IGN);
  if (!compileCandidate(flags)) {
    emit(token + " C\n");
    return 0;
  }
  Baseline base{listFolder("."), listFolder("/tmp"), listFolder("/dev/shm"), inOwnBox()};
  base.job.erase("run");
  long long used = 0;
  size_t done = 0;
  for (; done < inputs.size(); done++) {
    resetBetweenTests(base);
    // A test starts only when its wall limit fits in what is left of the stage's time.
    if (nowMs() - started + wallMs + 200 > budgetMs) break;
    Result r = runTest(inputs[done], base.box);
    if (sliceLen > 0) {
      // Stderr gets what the report has left after the header and the slice (base64: 4 per 3 bytes).
      std::string slice = base64(r.out);
      long long room = std::max(0LL, (reportBytes - 256 - (long long)slice.size()) / 4 * 3);
      std::string err = base64(r.err.substr(0, std::min((long long)r.err.size(), room)));
      char head[320];
      snprintf(head, sizeof head, " S %c %d %d %lld %lld %lld %lld %s %zu %zu\n", r.term, r.code, r.sig, r.cpu, r.wall, r.mem, r.outTotal, r.outHash.c_str(), slice.size(), err.size());
      emit(token + head + slice + err);
      done++;
      break;
    }
    if (used + (long long)(r.out.size() + r.err.size() + 128) > reportBytes) {
      emit(token + " F " + std::to_string(done) + "\n");
      break;
    }
    char head[256];
    snprintf(head, sizeof head, " R %zu %c %d %d %lld %lld %lld %zu %zu\n", done, r.term, r.code, r.sig, r.cpu, r.wall, r.mem, r.out.size(), r.err.size());
    std::string frame = token + head + r.out + r.err;
    used += frame.size();
    emit(frame);
    if (r.term != 'x') { done++; break; }
  }
  emit(token + " E " + std::to_string(done) + "\n");
  return 0;
}
