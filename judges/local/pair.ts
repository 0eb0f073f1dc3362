/**
 * Sandbox.runPair for the local sandbox: two runs, each a full sandboxed process tree of its own
 * (own bwrap, cgroup, scratch folder and limits), started together. The harness relays the bytes:
 * what one side writes on stdout (up to its output cap) is written to the other side's stdin, and
 * when one side's stdout ends the other's stdin is closed, so a peer waiting on a dead program sees
 * end of file instead of hanging until its wall-clock limit.
 */
import type { FileSink } from "bun";
import type { PairOutcome, PairSide, RunOutcome } from "../types.ts";
import type { SandboxContext } from "./context.ts";
import type { ExecPipe } from "./exec.ts";
import { type LocalProgramHandle, runProgram } from "./run.ts";

/** One direction of the relay: bytes from one side's stdout into the other side's stdin. */
class Relay {
  private sink: FileSink | null = null;
  private pending: Uint8Array[] = [];
  private ended = false;
  private closed = false;

  /** The receiving side started: its stdin is open. */
  attach(sink: FileSink): void {
    this.sink = sink;
    for (const chunk of this.pending) this.write(chunk);
    this.pending = [];
    if (this.ended) this.close();
  }

  push(chunk: Uint8Array): void {
    if (this.closed) return;
    if (this.sink) this.write(chunk);
    else this.pending.push(chunk.slice());
  }

  /** The sending side's stdout ended: the receiver reads end of file once what was sent is consumed. */
  end(): void {
    this.ended = true;
    if (this.sink) this.close();
  }

  /** The receiver is gone: nothing more is written, and its pipe end is released. */
  close(): void {
    if (this.closed || !this.sink) return;
    this.closed = true;
    const sink = this.sink;
    // A receiver that exited leaves a broken pipe; ending it is still how its fd is released.
    ignoreFailure(() => sink.end());
  }

  private write(chunk: Uint8Array): void {
    const sink = this.sink;
    if (!sink) return;
    ignoreFailure(() => {
      sink.write(chunk);
      return sink.flush();
    });
  }
}

/** Writes to a pipe whose reader died fail (EPIPE); for a relay that only means the bytes are unread. */
function ignoreFailure(action: () => unknown): void {
  try {
    const result = action();
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // The reader is gone.
  }
}

function pipeFor(incoming: Relay, outgoing: Relay): ExecPipe {
  return {
    onStart: (stdin) => incoming.attach(stdin),
    onStdout: (chunk) => outgoing.push(chunk),
    onStdoutEnd: () => outgoing.end(),
  };
}

export interface LocalPairSide extends Omit<PairSide, "program"> {
  language: PairSide["program"]["language"];
  handle: LocalProgramHandle;
}

/** Runs both sides at once with their stdio crossed; throws SandboxError only for harness failures. */
export async function runLocalPair(ctx: SandboxContext, program: LocalPairSide, peer: LocalPairSide): Promise<PairOutcome> {
  const toPeer = new Relay();
  const toProgram = new Relay();
  const start = (side: LocalPairSide, incoming: Relay, outgoing: Relay): Promise<RunOutcome> =>
    runProgram(ctx, side.language, side.handle, { files: side.files, args: side.args, collect: side.collect }, side.limits, pipeFor(incoming, outgoing)).finally(() => {
      // Also when the run failed to start: the other side must not wait for bytes that never come.
      incoming.close();
      outgoing.end();
    });
  const [programOutcome, peerOutcome] = await Promise.allSettled([start(program, toProgram, toPeer), start(peer, toPeer, toProgram)]);
  if (programOutcome.status === "rejected") throw programOutcome.reason;
  if (peerOutcome.status === "rejected") throw peerOutcome.reason;
  return { program: programOutcome.value, peer: peerOutcome.value };
}
