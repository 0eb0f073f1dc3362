import { describe, expect, test } from "bun:test";
import { type Frame, FrameKind, FrameParser } from "../../../../judges/local/warm/frames.ts";

function encode(kind: number, side: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(6 + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length, true);
  out[4] = kind;
  out[5] = side;
  out.set(payload, 6);
  return out;
}

describe("the zygote's frame channel", () => {
  test("frames split across chunks at every size come back whole and in order", () => {
    const payloads = [0, 1, 5, 65536, 70000, 3, 200_000].map((len, i) => new Uint8Array(len).map((_, j) => (i * 7 + j) & 255));
    const stream = new Uint8Array(payloads.reduce((sum, p) => sum + 6 + p.length, 0));
    let at = 0;
    payloads.forEach((p, i) => {
      const frame = encode(FrameKind.stdout, i % 2, p);
      stream.set(frame, at);
      at += frame.length;
    });
    for (const chunkSize of [1, 5, 6, 7, 4096, 65536, 100_000]) {
      const parser = new FrameParser();
      const got: Frame[] = [];
      for (let offset = 0; offset < stream.length; offset += chunkSize) got.push(...parser.push(stream.slice(offset, offset + chunkSize)));
      expect(got.map((f) => f.side)).toEqual(payloads.map((_, i) => i % 2));
      expect(got.map((f) => Buffer.from(f.payload).equals(Buffer.from(payloads[got.indexOf(f)] ?? [])))).toEqual(payloads.map(() => true));
    }
  });

  test("an unknown kind or side is refused as a broken zygote", () => {
    expect(() => new FrameParser().push(encode(9, 0, new Uint8Array(1)))).toThrow("malformed frame from the zygote (kind 9, side 0)");
    expect(() => new FrameParser().push(encode(FrameKind.stderr, 2, new Uint8Array(1)))).toThrow("malformed frame from the zygote (kind 2, side 2)");
  });
});
