/**
 * The WHATWG `fetch` signature, as Node, Electron's `net.fetch` and axios's
 * fetch adapter use it.
 */
export type Fetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;
