import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { createProject, sendMessage, signUp, startChat, storedReply, uniqueEmail } from "./support/app-actions.js";
import { cspViolations, launchBrowser, newContext, phone, recordCspViolations, saveScreenshot } from "./support/browser.js";
import { reconnectMarker } from "./support/scripted-llm.js";

describe("direct chat", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("shows CodeAssistant's reply while it streams, then keeps it after a reload", async () => {
    const context = await newContext(browser);
    await recordCspViolations(context);
    const page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail("chat") });
    await createProject(page, "Slug service");
    await startChat(page, "CodeAssistant");

    // Every length the streaming reply shows, recorded in the page as the DOM changes.
    await page.evaluate(() => {
      const lengths: number[] = [];
      Object.assign(window, { streamedLengths: lengths });
      new MutationObserver(() => {
        const live = document.querySelector(".message-live .message-bubble");
        if (live) lengths.push(live.textContent.length);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await sendMessage(page, "Write a slugify function in TypeScript");

    await page.locator(".message-live").waitFor();
    await saveScreenshot(page, "06-chat-streaming");
    const reply = await storedReply(page, "direct-chat");
    const distinctLengths = await page.evaluate(() => [...new Set((window as unknown as { streamedLengths: number[] }).streamedLengths)]);
    expect(distinctLengths.filter((length) => length > 0).length).toBeGreaterThanOrEqual(5);
    expect(await reply.locator("pre code").textContent()).toContain("export function slugify(title: string): string {");

    await reply.hover();
    await expect.poll(() => reply.locator(".message-meta").textContent()).toMatch(/tokens.*\$0\./);
    await saveScreenshot(page, "07-chat-reply");

    await page.reload();
    await page.locator(".message-assistant").waitFor();
    expect(await page.locator(".message-user .message-bubble").textContent()).toBe("Write a slugify function in TypeScript");
    expect(await page.locator(".message-assistant pre code").textContent()).toContain("export function slugify");
    expect(await page.locator(".message-live").count()).toBe(0);

    await page.getByRole("link", { name: "Usage" }).click();
    const today = page.locator(".usage-table tbody tr");
    await today.first().waitFor();
    expect(await today.count()).toBe(1);
    expect(await today.locator("td").last().textContent()).toMatch(/^\$0\.\d{4}$/);
    await saveScreenshot(page, "16-usage");
    // The whole app (styles, SVG chart, streaming) works under the strict policy.
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it("stops an answer on Stop and stores nothing half-written", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail("stop") });
    await createProject(page, "Stoppable");
    await startChat(page, "CodeAssistant");
    await sendMessage(page, `${reconnectMarker}: count slowly`);
    const live = page.locator(".message-live .markdown");
    await expect.poll(async () => (await live.textContent())?.length ?? 0).toBeGreaterThan(15);

    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByText("The partial answer above was not saved.").waitFor();
    const lengthAtStop = (await live.textContent())?.length;
    await page.waitForTimeout(1_000);
    expect((await live.textContent())?.length).toBe(lengthAtStop);
    await page.getByRole("button", { name: "Send", exact: true }).waitFor();

    await page.reload();
    await page.locator(".message-user").waitFor();
    expect(await page.locator(".message-assistant").count()).toBe(0);
    await context.close();
  });

  it("fits a phone screen", async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail("phone") });
    await createProject(page, "Pocket project");
    await startChat(page, "CodeAssistant");
    await sendMessage(page, "Write a slugify function in TypeScript");
    await storedReply(page, "phone-chat");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "08-chat-phone");

    // On a phone the projects list is a menu in the header.
    const sidebar = page.getByRole("navigation", { name: /Projects/ });
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Projects" }).click();
    await sidebar.getByRole("link", { name: "Pocket project" }).waitFor();
    await saveScreenshot(page, "08-projects-menu-phone");
    await sidebar.getByRole("link", { name: "New project" }).click();
    await page.getByRole("heading", { name: "New project" }).waitFor();
    expect(await sidebar.isVisible()).toBe(false);
    await context.close();
  });
});
