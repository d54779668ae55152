import { isIP } from 'node:net';
import type { Fetch } from '../../main/fetch';
import { createNodeFetch } from '../../main/test-support/trusting-fetch';

/** One request sent through the fetch, timed with `performance.now()`. */
export interface RecordedRequest {
  method: string;
  /** Origin and path, without the query. */
  target: string;
  status: number;
  startMs: number;
  /** When the last byte of the response body arrived. */
  endMs: number;
}

export interface RecordingFetch {
  fetch: Fetch;
  /** Requests whose response has ended, in the order they ended. */
  requests: RecordedRequest[];
  /** Closes the kept-alive connections. */
  close(): void;
}

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * Creates a fetch for the app's core, as Electron hands it `net.fetch`: it
 * trusts `caPem` beside the usual roots and keeps its own connections open,
 * so a new core starts without open connections, as a new app process does.
 * It records the time of every request and rejects any host but loopback.
 */
export function createRecordingFetch(caPem: string): RecordingFetch {
  const requests: RecordedRequest[] = [];
  const inner = createNodeFetch({
    caPem,
    keepAlive: true,
    observe(method, url) {
      const startMs = performance.now();
      return (status) =>
        requests.push({
          method,
          target: `${url.origin}${url.pathname}`,
          status,
          startMs,
          endMs: performance.now(),
        });
    },
  });

  const fetch: Fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (!isLoopback(url.hostname)) {
      throw new TypeError(`fetch failed: ${url.host} is not on loopback`);
    }
    return inner.fetch(input, init);
  };

  return { fetch, requests, close: inner.close };
}
