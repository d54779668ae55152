/** Host names of this computer, as `URL.hostname` spells them. */
const loopbackHostnames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Tells whether a URL's hostname is this computer, where plain http is
 * allowed so that a local service works during development.
 */
export function isLoopbackHostname(hostname: string): boolean {
  return loopbackHostnames.has(hostname.toLowerCase());
}
