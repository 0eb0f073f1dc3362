/** Shared route plumbing: HTML rendering with a doctype, and error responses as HTML or JSON. */
import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { HttpError } from "../errors.ts";
import { ErrorPage } from "../views/error.tsx";

type Status = 200 | 400 | 404 | 414 | 500;

/** Sends a rendered page with a doctype. */
export async function sendPage(c: Context, node: JSX.Element, status: Status = 200): Promise<Response> {
  const body = await node.toString();
  return c.html(`<!doctype html>${body}`, status);
}

/** Status and message for an error thrown while answering. */
export function describeError(err: unknown): { status: 400 | 404 | 414 | 500; message: string } {
  if (err instanceof HttpError) return { status: err.status, message: err.message };
  return { status: 500, message: "internal error (see the server log)" };
}

/** Answers with an error: JSON `{ error: { status, message } }` under /api, an HTML page elsewhere. */
export function sendError(c: Context, status: 400 | 404 | 414 | 500, message: string): Response | Promise<Response> {
  const api = c.req.path === "/api" || c.req.path.startsWith("/api/");
  return api ? c.json({ error: { status, message } }, status) : sendPage(c, <ErrorPage status={status} message={message} />, status);
}
