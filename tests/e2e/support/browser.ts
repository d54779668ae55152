import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);

function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  const found = candidates.find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (!found)
    throw new Error('Chromium not found: install it or set CHROMIUM_PATH');
  return found;
}

/**
 * Headless Chromium with the flags that keep it off the network: without
 * them it tries Google's hosts at every start.
 */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page and fails the test on any violation. */
export async function expectNoAxeViolations(
  page: Page,
  screen: string,
): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not
  // govern; an injected <script> would be blocked by it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map(({ id, help, nodes }) => ({
      id,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
  expect(violations, `axe violations on ${screen}`).toEqual([]);

  // A translation whose value was not passed shows its placeholder.
  const text = await page.locator('body').innerText();
  expect(text, `untranslated placeholder on ${screen}`).not.toMatch(
    /\{\{\w+\}\}/,
  );
}

/** Waits until the page shows exactly one heading with this name. */
export async function expectHeading(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { name }).count()).toBe(1);
}
