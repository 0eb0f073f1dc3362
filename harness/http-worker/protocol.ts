/**
 * Messages between a server's HTTP thread (a Worker) and the main thread, which owns the slow work
 * (a sandbox, a judge). The worker forwards each request it cannot answer itself as a `call`; the
 * main thread answers it with a `reply`. `Init` is what the worker needs to build its app.
 */

export type ToHttpWorker<Init, Res> =
  | { type: "init"; port: number; hostname: string; init: Init }
  | { type: "reply"; id: number; ok: true; value: Res }
  | { type: "reply"; id: number; ok: false; error: { name: string; message: string } }
  | { type: "stop" };

export type FromHttpWorker<Req> =
  | { type: "ready"; port: number }
  | { type: "failed"; error: string }
  | { type: "call"; id: number; request: Req }
  /** The HTTP side gave up on a call (its client went away, a deadline passed). */
  | { type: "abort"; id: number }
  | { type: "stopped" };
