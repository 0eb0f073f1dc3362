/** The HTML error page (400, 404, 414, 500). */
import { Layout } from "./layout.tsx";

const TITLES: Record<number, string> = { 400: "Bad request", 404: "Not found", 414: "URL too long" };

/** Renders an error page with its status and message. */
export function ErrorPage(props: { status: number; message: string }) {
  const title = TITLES[props.status] ?? "Server error";
  return (
    <Layout title={title}>
      <h1>{`${props.status} · ${title}`}</h1>
      <p class="error-text">{props.message}</p>
      <p>
        <a href="/">Back to the leaderboard</a>
      </p>
    </Layout>
  );
}
