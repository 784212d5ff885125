import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Flags that work for root in a container without a GPU, and keep Chromium off the network. */
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const artifactsDirectory = fileURLToPath(new URL("../../test-artifacts", import.meta.url));

/** Debian's Chromium; Playwright gives every launch a fresh, temporary user-data-dir. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumFlags });
}

export const laptop = { width: 1360, height: 860 };
export const phone = { width: 390, height: 844 };

export function newContext(browser: Browser, viewport = laptop): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: viewport === phone, hasTouch: viewport === phone });
}

/** Saves what the screen shows, for a person to look at (test-artifacts/ is not committed). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDirectory, { recursive: true });
  await page.screenshot({ path: `${artifactsDirectory}/${name}.png` });
}

/** Records every Content-Security-Policy violation in the context's pages, so a test can assert the app needs none. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}
