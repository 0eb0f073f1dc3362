/** Splitting a session's shared stdout/stderr into each run's part at sandbox-init's end markers. */
import { describe, expect, test } from "bun:test";
import { decodeUtf8 } from "../../../judges/local/capture.ts";
import { SessionStream } from "../../../judges/local/session-stream.ts";

const MARKER_1 = `${"a".repeat(32)}:1:end\n`;
const MARKER_2 = `${"a".repeat(32)}:2:end\n`;

/** A stream fed by hand: `push` a chunk, `end` closes it. */
function makeStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    stream,
    push: (text: string) => controller?.enqueue(new TextEncoder().encode(text)),
    end: () => controller?.close(),
  };
}

describe("session stream", () => {
  test("each run's part ends at its marker, even when the marker is split across reads", async () => {
    const source = makeStream();
    const stream = new SessionStream(source.stream);
    const first = stream.next(MARKER_1, 1000, 1000, () => {});
    source.push("hello ");
    source.push(`world\n${MARKER_1.slice(0, 10)}`);
    source.push(MARKER_1.slice(10));
    const part1 = await first;
    expect({ text: decodeUtf8(part1.bytes), total: part1.total, ended: part1.ended }).toEqual({ text: "hello world\n", total: 12, ended: true });
    const second = stream.next(MARKER_2, 1000, 1000, () => {});
    source.push(`second${MARKER_2}`);
    const part2 = await second;
    expect(decodeUtf8(part2.bytes)).toBe("second");
  });

  test("a marker with another run's number or a wrong token is output like any other", async () => {
    const source = makeStream();
    const stream = new SessionStream(source.stream);
    const part = stream.next(MARKER_2, 1000, 1000, () => {});
    const fakes = `${MARKER_1}${"b".repeat(32)}:2:end\n`;
    source.push(`${fakes}${MARKER_2}`);
    expect(decodeUtf8((await part).bytes)).toBe(fakes);
  });

  test("past the cap the caller is told once and only the cap is kept, the total still counted", async () => {
    const source = makeStream();
    const stream = new SessionStream(source.stream);
    let overflows = 0;
    const part = stream.next(MARKER_1, 4, 4, () => overflows++);
    source.push("0123456789");
    source.push("abcdefghij");
    source.push(MARKER_1);
    const got = await part;
    expect({ text: decodeUtf8(got.bytes), total: got.total, overflows }).toEqual({ text: "0123", total: 20, overflows: 1 });
  });

  test("a stream that closes before the marker ends the part without it, with what came", async () => {
    const source = makeStream();
    const stream = new SessionStream(source.stream);
    const part = stream.next(MARKER_1, 1000, 1000, () => {});
    source.push(`cut short ${MARKER_1.slice(0, 5)}`);
    source.end();
    const got = await part;
    expect({ text: decodeUtf8(got.bytes), ended: got.ended }).toEqual({ text: `cut short ${MARKER_1.slice(0, 5)}`, ended: false });
    expect((await stream.next(MARKER_2, 10, 10, () => {})).ended).toBe(false);
  });
});
