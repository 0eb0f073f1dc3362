/**
 * A loopback HTTP proxy in front of a Piston server that counts the requests per path and can drop
 * the extensions header (stock Piston sends none), for tests that need to see what a client sends.
 */
export interface PistonProxy {
  url: string;
  /** Requests seen, by "METHOD /path". */
  counts: Map<string, number>;
  stop(): void;
}

export function startPistonProxy(target: string, o: { stripExtensions?: boolean } = {}): PistonProxy {
  const counts = new Map<string, number>();
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const key = `${req.method} ${path}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const res = await fetch(new URL(path, target), { method: req.method, headers: req.headers, body: req.method === "GET" ? undefined : await req.text() });
      const headers = new Headers(res.headers);
      if (o.stripExtensions) headers.delete("x-piston-extensions");
      headers.delete("content-length");
      return new Response(await res.text(), { status: res.status, headers });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, counts, stop: () => void server.stop(true) };
}
