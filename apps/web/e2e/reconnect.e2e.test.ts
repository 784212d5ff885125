import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { createProject, sendMessage, signUp, startChat, storedReply, uniqueEmail } from "./support/app-actions.js";
import { launchBrowser, newContext, saveScreenshot } from "./support/browser.js";
import { plainAnswer, reconnectMarker } from "./support/scripted-llm.js";
import { startStreamCuttingProxy, type StreamCuttingProxy } from "./support/stream-cutting-proxy.js";

describe("live stream", () => {
  let proxy: StreamCuttingProxy;
  let browser: Browser;
  beforeAll(async () => {
    proxy = await startStreamCuttingProxy(inject("baseUrl"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await proxy.close();
  });

  it("shows the reconnection and resumes the reply without losing or repeating a word", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, proxy.url, { email: uniqueEmail("reconnect") });
    await createProject(page, "Flaky network");
    await startChat(page, "CodeAssistant");
    await page.evaluate(() => {
      const snapshots: string[] = [];
      Object.assign(window, { liveSnapshots: snapshots });
      new MutationObserver(() => {
        const live = document.querySelector(".message-live .markdown");
        if (live) snapshots.push(live.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await sendMessage(page, `${reconnectMarker}: count for me`);
    const live = page.locator(".message-live .markdown");
    await expect.poll(async () => (await live.textContent())?.length ?? 0).toBeGreaterThan(20);

    const lengthAtCut = (await live.textContent())?.length ?? 0;
    expect(proxy.cutEventStreams()).toBe(1);
    await expect.poll(() => page.locator(".connection").textContent(), { interval: 50 }).toBe("Reconnecting…");
    await saveScreenshot(page, "18-reconnecting");
    await expect.poll(() => page.locator(".connection").textContent(), { timeout: 15_000 }).toBe("Live");

    const reply = await storedReply(page, "reconnect");
    expect(await reply.locator(".markdown").textContent()).toBe(plainAnswer);
    const snapshots = await page.evaluate(() => (window as unknown as { liveSnapshots: string[] }).liveSnapshots);
    const wrong = snapshots.filter((snapshot) => !plainAnswer.startsWith(snapshot));
    expect(wrong).toEqual([]);
    // It went on streaming after the reconnection, rather than jumping to the stored answer.
    expect(snapshots.some((snapshot) => snapshot.length > lengthAtCut + 10 && snapshot.length < plainAnswer.length)).toBe(true);
    await context.close();
  });
});
