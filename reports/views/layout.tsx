/** Page frame: head, navigation and the one external script and stylesheet the CSP allows. */
import type { Child } from "hono/jsx";

const NAV: [string, string][] = [
  ["/", "Leaderboard"],
  ["/live", "Live"],
  ["/compare", "Compare"],
  ["/datasets", "Datasets"],
  ["/jobs", "Jobs"],
];

/** Wraps a page body in the document frame. */
export function Layout(props: { title: string; active?: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · codejudge`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            codejudge
          </a>
          <nav>
            {NAV.map(([href, label]) => (
              <a href={href} class={props.active === href ? "active" : undefined}>
                {label}
              </a>
            ))}
          </nav>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
