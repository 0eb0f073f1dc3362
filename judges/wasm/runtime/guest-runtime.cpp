// Linked into every WASM program. 1) In place of wasi-libc's sbrk: linear memory that cannot grow past
// the module's declared maximum (the problem's memory limit) ends the program the way the kernel's
// OOM killer ends a native one: at once, reported as a memory-limit stop (the judge reads the marker
// line and exit code below), instead of malloc returning NULL or operator new aborting.
// 2) The working folder: wasi-libc starts every program in "/", so relative paths (a file-IO
// problem's input.txt) would miss the run's files in /workspace unless the program moves there.
// 3) stdout's buffer: wasi-libc's is 1 KiB, and every fd_write crosses from the guest into the
// runtime, so a program printing many short lines would spend its time limit on calls. 64 KiB, like
// a pipe's on Linux, keeps output-heavy programs near native speed; fflush and endl work as ever.
// 4) Null writes: address 0 is ordinary linear memory in WebAssembly, so `*(int*)nullptr = 1` does
// not fault. With --stack-first the lowest page is the far end of the stack, which only a stack
// about to overflow reaches: it is filled with a pattern at start and checked at exit, and a
// damaged pattern ends the program as a native one would have died (SIGSEGV), output unflushed.
// Null reads, and writes by programs that never exit normally, go unseen.
// 5) Peak memory: linear memory never shrinks, so its size after the last growth is the peak. Each
// growth rewrites that size (in pages) into PEAK_FILE, which the worker reads after the run, also
// after a trap; growth before the file is open is covered by writing the size once it is.
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define WASM_PAGE 65536
#define PEAK_FILE "/workspace/.wasm-judge-peak-pages"

static int peak_fd = -1;

// No allocation here: this runs inside malloc.
static void record_peak(void) {
  if (peak_fd < 0) return;
  char text[11] = "         \n";
  size_t pages = __builtin_wasm_memory_size(0);
  for (int i = 8; i >= 0 && pages > 0; i--, pages /= 10) text[i] = (char)('0' + pages % 10);
  pwrite(peak_fd, text, sizeof text - 1, 0);
}

extern "C" void* sbrk(intptr_t increment) {
  if (increment == 0) return (void*)(__builtin_wasm_memory_size(0) * WASM_PAGE);
  if (increment < 0 || increment % WASM_PAGE != 0) abort();
  size_t old = __builtin_wasm_memory_grow(0, (size_t)increment / WASM_PAGE);
  if (old == SIZE_MAX) {
    static const char marker[] = "\n[wasm-judge] memory limit: linear memory cannot grow\n";
    write(2, marker, sizeof marker - 1);
    _Exit(251);
  }
  record_peak();
  return (void*)(old * WASM_PAGE);
}

#include <string.h>

#define NULL_GUARD_BYTES 4096
#define NULL_GUARD_BYTE 0xA5
// Read at run time, so the compiler cannot treat the guard's address as a null pointer.
static volatile uintptr_t null_guard_address = 0;

__attribute__((constructor)) static void prepare_guest(void) {
  peak_fd = open(PEAK_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  record_peak();
  chdir("/workspace");
  static char out_buffer[1 << 16];
  setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  memset((void*)null_guard_address, NULL_GUARD_BYTE, NULL_GUARD_BYTES);
}

__attribute__((destructor)) static void check_null_guard(void) {
  const volatile unsigned char* guard = (const volatile unsigned char*)null_guard_address;
  for (int i = 0; i < NULL_GUARD_BYTES; i++) {
    if (guard[i] != NULL_GUARD_BYTE) {
      static const char marker[] = "\n[wasm-judge] null pointer write: the program wrote to address 0 (SIGSEGV natively)\n";
      write(2, marker, sizeof marker - 1);
      _Exit(250);
    }
  }
}
