/**
 * A deliberately tiny unpickler: it accepts only a pickle whose whole content is one Python `str`
 * (what LiveCodeBench stores inside its compressed private tests): PROTO, FRAME, the three
 * unicode-string opcodes, the memo stores (MEMOIZE, BINPUT, LONG_BINPUT) and STOP. Every other
 * opcode is rejected, so no pickle can make it build objects or call anything.
 */
import { HarnessError } from "../../judges/errors.ts";

/** A pickle outside the accepted subset, or a truncated one. */
export class PickleError extends HarnessError {
  constructor(message: string) {
    super(message, "dataset");
    this.name = "PickleError";
  }
}

const OP = {
  PROTO: 0x80,
  FRAME: 0x95,
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE: 0x58,
  BINUNICODE8: 0x8d,
  MEMOIZE: 0x94,
  BINPUT: 0x71,
  LONG_BINPUT: 0x72,
  STOP: 0x2e,
} as const;

/** The string a pickle of a single `str` holds (protocols 2 to 5); throws PickleError for anything else. */
export function unpickleString(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pos = 0;
  let value: string | null = null;
  const need = (n: number): number => {
    if (pos + n > bytes.length) throw new PickleError(`truncated pickle: needs ${n} more bytes at byte ${pos}`);
    const at = pos;
    pos += n;
    return at;
  };
  const readLength = (size: 1 | 4 | 8): number => {
    const at = need(size);
    if (size === 1) return view.getUint8(at);
    if (size === 4) return view.getUint32(at, true);
    const length = view.getBigUint64(at, true);
    if (length > BigInt(bytes.length)) throw new PickleError(`string length ${length} is longer than the pickle`);
    return Number(length);
  };
  const pushString = (length: number): void => {
    if (value !== null) throw new PickleError("the pickle holds more than one value; only a single str is accepted");
    const at = need(length);
    try {
      value = decoder.decode(bytes.subarray(at, at + length));
    } catch {
      throw new PickleError(`the string at byte ${at} is not valid UTF-8`);
    }
  };

  while (pos < bytes.length) {
    const opcodeAt = pos;
    const opcode = bytes[need(1)];
    switch (opcode) {
      case OP.PROTO: {
        const version = bytes[need(1)] ?? 0;
        if (version < 2 || version > 5) throw new PickleError(`unsupported pickle protocol ${version}`);
        break;
      }
      case OP.FRAME:
        need(8); // a frame only announces how many bytes follow
        break;
      case OP.SHORT_BINUNICODE:
        pushString(readLength(1));
        break;
      case OP.BINUNICODE:
        pushString(readLength(4));
        break;
      case OP.BINUNICODE8:
        pushString(readLength(8));
        break;
      case OP.MEMOIZE:
        break;
      // Protocols 2 and 3 memoize with an explicit slot number; the memo is never read back here.
      case OP.BINPUT:
        need(1);
        break;
      case OP.LONG_BINPUT:
        need(4);
        break;
      case OP.STOP:
        if (value === null) throw new PickleError("the pickle holds no string");
        if (pos !== bytes.length) throw new PickleError(`${bytes.length - pos} bytes follow the STOP opcode`);
        return value;
      default:
        throw new PickleError(
          `pickle opcode 0x${(opcode ?? 0).toString(16).padStart(2, "0")} at byte ${opcodeAt} is not accepted: only a single pickled str is`,
        );
    }
  }
  throw new PickleError("truncated pickle: no STOP opcode");
}
