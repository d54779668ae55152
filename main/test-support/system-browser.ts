import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/support/browser';
import type { TestIdentityProvider } from '../../tests/support/identity-provider';

/**
 * Headless Chromium in the role of the person's system browser: the core
 * opens URLs in it, and the test decides what the person does there.
 */
export interface SystemBrowser {
  /** The core's `openInBrowser`: records the URL and returns at once, as the OS does. */
  openInBrowser(url: string): Promise<void>;
  /** Every URL opened so far. */
  opened: string[];
  /** Waits for the next URL the core opens. */
  nextUrl(timeoutMs?: number): Promise<string>;
  /** Signs in at the identity provider in a new browser context, then closes it. */
  signIn(url: string, email: string, password: string): Promise<void>;
  /** Opens the URL in a new browser context and leaves it there. */
  visit(url: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchSystemBrowser(
  provider: TestIdentityProvider,
): Promise<SystemBrowser> {
  const browser: Browser = await launchBrowser(provider.chromiumArgs);
  const opened: string[] = [];
  const waiting: ((url: string) => void)[] = [];
  let urlsTaken = 0;

  async function visit(url: string): Promise<Page> {
    // A new context has no cookie of an earlier sign-in at the provider.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  return {
    opened,

    async openInBrowser(url) {
      opened.push(url);
      waiting.shift()?.(url);
    },

    nextUrl(timeoutMs = 10_000) {
      const index = urlsTaken++;
      if (index < opened.length) {
        return Promise.resolve(opened[index]!);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the core opened no URL in the browser')),
          timeoutMs,
        );
        waiting.push((url) => {
          clearTimeout(timer);
          resolve(url);
        });
      });
    },

    async signIn(url, email, password) {
      const page = await visit(url);
      try {
        await provider.completeLogin(page, email, password);
      } finally {
        await page.context().close();
      }
    },

    visit,

    async close() {
      await browser.close();
    },
  };
}
