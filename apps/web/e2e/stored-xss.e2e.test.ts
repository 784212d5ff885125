import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createProject, sendMessage, signUp, startChat, storedReply, uniqueEmail } from "./support/app-actions.js";
import { cspViolations, launchBrowser, newContext, recordCspViolations, saveScreenshot } from "./support/browser.js";
import { canaryHost, xssCorpus, xssMarker } from "./support/scripted-llm.js";

interface XssProbe {
  xssFired?: string;
  alerts: number;
}

/** What the page exposes to the test: set by any payload that manages to run. */
async function probe(page: Page): Promise<XssProbe> {
  return page.evaluate(() => {
    const global = window as unknown as { __xssFired?: string; __alerts: number };
    return { xssFired: global.__xssFired, alerts: global.__alerts };
  });
}

/** Markup no message may produce, whatever its content. */
async function dangerousMarkup(page: Page, container: string): Promise<string[]> {
  return page.locator(container).evaluateAll((roots) => {
    const found: string[] = [];
    for (const root of roots) {
      for (const element of root.querySelectorAll("*")) {
        const tag = element.tagName.toLowerCase();
        if (["script", "img", "iframe", "svg", "object", "embed", "style", "form", "input"].includes(tag)) found.push(`<${tag}>`);
        for (const attribute of element.attributes) {
          if (attribute.name.startsWith("on") || attribute.name === "style" || attribute.name === "srcdoc") found.push(`${tag}[${attribute.name}]`);
        }
        if (tag === "a") {
          const href = element.getAttribute("href") ?? "";
          if (!/^https?:\/\//.test(href)) found.push(`a[href=${href}]`);
          if (!(element.getAttribute("rel") ?? "").includes("noopener")) found.push("a without rel=noopener");
        }
      }
    }
    return found;
  });
}

describe("untrusted content", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("sends a strict Content-Security-Policy with the app", async () => {
    for (const path of ["/", "/projects/new"]) {
      const response = await fetch(`${baseUrl}${path}`);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
  });

  it("runs nothing and loads nothing from a stored-XSS corpus sent as user text, answered by the model and kept in memory", async () => {
    const context = await newContext(browser);
    const canaryRequests: string[] = [];
    await context.route(
      (url) => url.hostname === canaryHost,
      async (route) => {
        canaryRequests.push(route.request().url());
        await route.abort();
      },
    );
    await context.addInitScript(() => {
      const global = window as unknown as { __alerts: number };
      global.__alerts = 0;
      window.alert = () => {
        global.__alerts += 1;
      };
    });
    await recordCspViolations(context);
    const page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail("xss") });
    await createProject(page, "Hostile input");
    await startChat(page, "CodeAssistant");
    await sendMessage(page, `${xssMarker}\n\n${xssCorpus}`);

    const reply = await storedReply(page, "xss");
    // Both copies are there, as readable text.
    expect(await page.locator(".message-user").textContent()).toContain("onerror=");
    expect(await reply.textContent()).toContain("<iframe srcdoc=");
    await page.getByText("click me").first().click();
    await page.getByText("html link").first().click();
    await saveScreenshot(page, "09-xss-corpus");

    expect(await dangerousMarkup(page, ".chat-thread .markdown")).toEqual([]);

    // The exchange is remembered; the memory browser renders it as safely.
    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("button", { name: "CodeAssistant's memory" }).click();
    const memories = page.getByRole("list", { name: "Memories" });
    await memories.waitFor();
    expect(await memories.textContent()).toContain("onerror=");
    await saveScreenshot(page, "10-memory-browser");
    expect(await dangerousMarkup(page, ".memory-list .markdown")).toEqual([]);

    // The policy itself holds: an inline script added at run time does not run.
    expect(await cspViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__xssFired = 'inline-script-under-csp'";
      document.body.append(script);
    });

    expect(await probe(page)).toEqual({ xssFired: undefined, alerts: 0 });
    await expect.poll(() => cspViolations(page)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(canaryRequests).toEqual([]);
    await context.close();
  });
});
