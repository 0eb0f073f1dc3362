/** Worker entry for the http-worker tests: a real app on loopback that forwards /call to the main thread. */
import { serveFromWorker } from "../../../harness/http-worker/serve.ts";

export interface EchoInit {
  greeting: string;
  refuse?: boolean;
}

serveFromWorker<EchoInit, { text: string }, string>((init, call) => {
  if (init.refuse) throw new Error("this app refuses to start");
  return {
    fetch: async (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/hello") return new Response(init.greeting);
      const controller = new AbortController();
      // The HTTP side gives up on its call, as a passed deadline does.
      if (url.searchParams.has("give-up")) setTimeout(() => controller.abort(), 20);
      try {
        return new Response(await call({ text: url.searchParams.get("text") ?? "" }, controller.signal));
      } catch (e: unknown) {
        return new Response(`${(e as Error).name}: ${(e as Error).message}`, { status: 500 });
      }
    },
  };
});
