/**
 * The memory ceiling of one run, written into the module itself. A program is linked once (its
 * cache entry must not depend on the run's limits), with the largest wasm32 memory; each run lowers
 * the declared maximum of its memory to the run's limit, which the engine then enforces on every
 * memory.grow. Only the limits field of the memory section changes.
 */
const WASM_PAGE = 65536;
const MAX_PAGES = 65536;
const MEMORY_SECTION = 5;

function readLeb(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= bytes.length || shift > 28) throw new Error(`bad LEB128 at byte ${at}`);
    const byte = bytes[pos++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: pos };
    shift += 7;
  }
}

function writeLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

/** Pages of linear memory a limit of `memoryMb` MiB allows. */
export function pagesFor(memoryMb: number): number {
  return Math.max(1, Math.min(MAX_PAGES, Math.floor((memoryMb * 1024 * 1024) / WASM_PAGE)));
}

/** What a module declares for its (single, defined) memory. */
export function readMemoryLimits(module: Uint8Array): { initialPages: number; maxPages: number | null } | null {
  const found = findMemory(module);
  return found ? { initialPages: found.initial, maxPages: found.max } : null;
}

function findMemory(module: Uint8Array) {
  if (module.length < 8 || module[0] !== 0 || module[1] !== 0x61 || module[2] !== 0x73 || module[3] !== 0x6d) {
    throw new Error("not a WebAssembly module");
  }
  let pos = 8;
  while (pos < module.length) {
    const id = module[pos] as number;
    const size = readLeb(module, pos + 1);
    const start = size.next;
    const end = start + size.value;
    if (id === MEMORY_SECTION) {
      const count = readLeb(module, start);
      if (count.value !== 1) throw new Error(`the module defines ${count.value} memories; one is expected`);
      const flags = module[count.next] as number;
      if (flags !== 0 && flags !== 1) throw new Error(`unsupported memory flags ${flags} (shared or 64-bit memory)`);
      const initial = readLeb(module, count.next + 1);
      const max = flags === 1 ? readLeb(module, initial.next) : null;
      return { sectionStart: pos, contentStart: start, end, initial: initial.value, max: max?.value ?? null, limitsEnd: max?.next ?? initial.next };
    }
    pos = end;
  }
  return null;
}

/**
 * A copy of `module` whose memory may grow to at most `pages`. Throws for a module without a memory
 * of its own (our linker flags always give one). The initial size is kept: a program whose static
 * data and stack alone exceed the limit fails to instantiate, which the runner reports as memory.
 */
export function withMemoryCeiling(module: Uint8Array, pages: number): Uint8Array {
  const found = findMemory(module);
  if (!found) throw new Error("the module has no memory section");
  const max = found.max === null ? pages : Math.min(found.max, pages);
  const content = [...writeLeb(1), 0x01, ...writeLeb(found.initial), ...writeLeb(max), ...module.subarray(found.limitsEnd, found.end)];
  const section = [MEMORY_SECTION, ...writeLeb(content.length), ...content];
  const out = new Uint8Array(found.sectionStart + section.length + (module.length - found.end));
  out.set(module.subarray(0, found.sectionStart), 0);
  out.set(section, found.sectionStart);
  out.set(module.subarray(found.end), found.sectionStart + section.length);
  return out;
}
