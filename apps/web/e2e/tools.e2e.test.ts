import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { createProject, sendMessage, signUp, startChat, uniqueEmail } from "./support/app-actions.js";
import { cspViolations, launchBrowser, newContext, phone, recordCspViolations, saveScreenshot } from "./support/browser.js";
import { chartMarker, codeMarker, printedMarkup, pythonOutput } from "./support/scripted-tools.js";

const toolCall = (scope: Page | Locator, toolName: string) => scope.locator(".tool-call").filter({ hasText: toolName });
/** The files under an answer (the same images also sit inside each tool call's collapsed details). */
const answerFiles = (scope: Page | Locator) => scope.locator(".message-column > .attachments");
const answerImages = (scope: Page | Locator) => answerFiles(scope).locator(".attachment-image");
const storedReplies = (page: Page) => page.locator(".message-assistant:not(.message-live)");

/** Sends a message and waits for the stored answer to it (not an earlier one); on a timeout, saves what the screen showed. */
async function sendAndAwaitAnswer(page: Page, text: string, failureName: string): Promise<Locator> {
  const before = await storedReplies(page).count();
  await sendMessage(page, text);
  const reply = storedReplies(page).nth(before);
  try {
    await reply.waitFor({ timeout: 45_000 });
  } catch (error) {
    await saveScreenshot(page, `failure-${failureName}`);
    throw error;
  }
  return reply;
}
const approvalCard = (page: Page) => page.getByRole("region", { name: "Approval needed" });

/** Records, from now on, every phase each tool call row shows and whether it was seen inside a reply still streaming. */
async function recordToolPhases(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, { phases: string[]; live: boolean }> = {};
    Object.assign(window, { toolPhases: seen });
    const record = () => {
      for (const row of document.querySelectorAll(".tool-call[data-tool-call-id]")) {
        const entry = (seen[row.getAttribute("data-tool-call-id") ?? ""] ??= { phases: [], live: false });
        const phase = row.getAttribute("data-phase") ?? "";
        if (entry.phases.at(-1) !== phase) entry.phases.push(phase);
        if (row.closest(".message-live")) entry.live = true;
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-phase"] });
  });
}

async function toolPhases(page: Page, toolCallId: string | null): Promise<{ phases: string[]; live: boolean } | undefined> {
  const seen = await page.evaluate(() => (window as unknown as { toolPhases: Record<string, { phases: string[]; live: boolean }> }).toolPhases);
  return seen[toolCallId ?? ""];
}

/** Whether an <img> has decoded a picture (an image blocked by CSP or a failed fetch has no natural size). */
const imageLoaded = (image: Locator) => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0);

describe("agent tools, approvals and project files", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let chatUrl: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    await recordCspViolations(context);
    page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail("tools") });
    await createProject(page, "Sales analysis");
  });
  afterAll(() => browser.close());

  it("shows a safe tool call live, then collapsed, with its chart under the answer", async () => {
    await startChat(page, "DataAnalyst");
    chatUrl = page.url();
    await recordToolPhases(page);
    const reply = await sendAndAwaitAnswer(page, `${chartMarker}: chart the monthly sales`, "tools-chart");
    const call = toolCall(reply, "data_visualizer");
    expect(await call.getAttribute("data-phase")).toBe("completed");
    // Shown while the answer streamed, then kept (stored) in the answer.
    expect(await toolPhases(page, await call.getAttribute("data-tool-call-id"))).toMatchObject({ live: true, phases: expect.arrayContaining(["completed"]) });
    expect(await call.locator(".tool-call-summary").textContent()).toBe("bar chart · Monthly sales");
    expect(await call.locator("details").evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);

    const chart = answerImages(reply);
    await chart.waitFor();
    await expect.poll(() => imageLoaded(chart)).toBe(true);
    expect(await chart.getAttribute("src")).toMatch(/^blob:/);
    // The thread follows the answer down to its chart, however late the image arrived.
    const distanceFromBottom = () => page.locator(".chat-scroller").evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
    await expect.poll(distanceFromBottom).toBeLessThan(2);
    expect(await answerFiles(reply).locator(".attachment-path").textContent()).toBe("charts/monthly-sales.svg");
    // The SVG is only ever an image: its markup never enters the page.
    expect(await page.locator(".chat-thread svg text").count()).toBe(0);
    await saveScreenshot(page, "20-tools-chart");

    await call.locator("summary").click();
    const body = call.locator(".tool-call-body");
    expect(await body.textContent()).toContain('"title": "Monthly sales"');
    expect(await body.locator(".tool-output").textContent()).toMatch(/charts\/monthly-sales\.svg/);
    await saveScreenshot(page, "21-tools-chart-expanded");
    await call.locator("summary").click();
  });

  it("asks before running code, runs it once approved and shows its output", async () => {
    await page.getByLabel("Send to").selectOption({ label: "CodeAssistant" });
    const answer = sendAndAwaitAnswer(page, `${codeMarker}: add up the numbers from 1 to 10 in Python`, "tools-code");
    const card = approvalCard(page);
    await card.waitFor();
    expect(await card.textContent()).toContain("code_executor runs code on your behalf");
    expect(await card.locator(".code-block pre").textContent()).toContain("total = sum(numbers)");
    expect(await card.getByRole("timer").textContent()).toMatch(/^Expires in 0:0[1-8]$/);
    expect(await page.locator(".message-live .typing").textContent()).toBe("waiting for your approval…");
    await saveScreenshot(page, "22-tools-approval");

    // A second tab opened now was not subscribed when the request went out: it finds the call waiting all the same.
    const otherTab = await context.newPage();
    await otherTab.goto(chatUrl);
    await approvalCard(otherTab).waitFor();
    await saveScreenshot(otherTab, "22-tools-approval-other-tab");

    await card.getByRole("button", { name: "Approve" }).click();
    await card.waitFor({ state: "detached" });
    const reply = await answer;
    const call = toolCall(reply, "code_executor");
    expect(await call.getAttribute("data-phase")).toBe("completed");
    const { phases } = (await toolPhases(page, await call.getAttribute("data-tool-call-id"))) ?? { phases: [] };
    // Whatever a render skipped, the call only ever moved forward: waiting → (approved, running) → completed.
    expect(phases).toContain("awaiting_approval");
    expect(phases.at(-1)).toBe("completed");
    const order = ["running", "awaiting_approval", "approved", "completed"];
    expect(phases.map((phase) => order.indexOf(phase))).toEqual([...phases.map((phase) => order.indexOf(phase))].sort((left, right) => left - right));
    expect(await reply.locator(".message-bubble").textContent()).toContain(pythonOutput);
    await call.locator("summary").click();
    expect(await call.locator(".tool-output").textContent()).toContain(pythonOutput);
    expect(await call.locator(".tool-output").textContent()).toContain(printedMarkup);
    expect(await page.locator(".chat-thread img:not(.attachment-image)").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __toolOutputRan?: boolean }).__toolOutputRan)).toBeUndefined();
    await saveScreenshot(page, "23-tools-approved-run");

    await approvalCard(otherTab).waitFor({ state: "detached" });
    await expect.poll(() => toolCall(otherTab, "code_executor").last().getAttribute("data-phase")).toBe("completed");
    await otherTab.close();
  });

  it("refuses the call when nobody approves it in time", async () => {
    const answer = sendAndAwaitAnswer(page, `${codeMarker}: and once more, please`, "tools-expired");
    const card = approvalCard(page);
    await card.waitFor();
    expect(await card.getByRole("timer").textContent()).toMatch(/^Expires in 0:0[1-8]$/);

    // The server ends the wait at the deadline: the card goes, and the row says why the call never ran.
    const reply = await answer;
    await card.waitFor({ state: "detached" });
    expect(await reply.locator(".message-bubble").textContent()).toContain("did not run");
    const call = toolCall(reply, "code_executor");
    expect(await call.getAttribute("data-phase")).toBe("rejected");
    expect(await call.locator(".tool-status").textContent()).toBe("Expired");
    await call.locator("summary").click();
    expect(await call.locator(".tool-call-note").textContent()).toBe("No decision came before the approval expired, so it did not run.");
    await saveScreenshot(page, "24-tools-approval-expired");
  });

  it("shows stored tool calls collapsed, with their files, when the history loads", async () => {
    await page.reload();
    const calls = page.locator(".tool-call");
    await expect.poll(() => calls.count()).toBe(3);
    expect(await calls.evaluateAll((items) => items.map((item) => item.getAttribute("data-phase")))).toEqual(["completed", "completed", "rejected"]);
    expect(await page.locator(".tool-call details[open]").count()).toBe(0);
    const chart = answerImages(page).first();
    await chart.waitFor();
    await expect.poll(() => imageLoaded(chart)).toBe(true);
    await answerFiles(page).locator(".attachment-open").first().click();
    const enlarged = page.getByRole("dialog", { name: "charts/monthly-sales.svg" });
    await expect.poll(() => imageLoaded(enlarged.locator("img"))).toBe(true);
    await saveScreenshot(page, "25-tools-chart-enlarged");
    await enlarged.getByRole("button", { name: "Close" }).click();

    await page.setViewportSize(phone);
    await toolCall(page, "code_executor").first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, "26-tools-history-phone");
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it("uploads, lists, downloads and deletes workspace files, and explains the size cap", async () => {
    await page.getByRole("link", { name: "Files" }).click();
    await page.getByRole("heading", { name: /^Files/, level: 2 }).waitFor();
    const rows = page.locator(".file-row");
    await expect.poll(() => rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-path")))).toEqual(["charts"]);

    const upload = page.getByLabel("Upload files");
    await upload.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Quarterly targets: 150 per month.\n") });
    await page.locator('.file-row[data-path="notes.txt"]').waitFor();
    expect(await page.locator('.file-row[data-path="notes.txt"] .file-size').textContent()).toBe("34 B");

    await upload.setInputFiles({ name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(300 * 1024, 1) });
    const refusal = page.locator(".upload-failures");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("“huge.bin” is too large to upload: files can be at most 256 KB.");
    expect(await page.locator('.file-row[data-path="huge.bin"]').count()).toBe(0);
    await saveScreenshot(page, "27-files-panel");
    await refusal.getByRole("button", { name: "Dismiss" }).click();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download notes.txt" }).click()]);
    expect(download.suggestedFilename()).toBe("notes.txt");
    expect(await readFile(await download.path(), "utf8")).toBe("Quarterly targets: 150 per month.\n");

    await page.getByRole("button", { name: "Open folder charts" }).click();
    await page.locator('.file-row[data-path="charts/monthly-sales.svg"]').waitFor();
    await saveScreenshot(page, "28-files-folder");
    await page.getByRole("navigation", { name: "Folder" }).getByRole("button", { name: "Workspace" }).click();

    await page.getByRole("button", { name: "Delete notes.txt" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete “notes.txt”?" });
    await saveScreenshot(page, "29-files-delete");
    await confirm.getByRole("button", { name: "Delete file" }).click();
    await page.locator('.file-row[data-path="notes.txt"]').waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Delete charts" }).click();
    await page.getByRole("dialog", { name: "Delete the folder “charts”?" }).getByRole("button", { name: "Delete folder" }).click();
    await page.getByText("No files yet.").waitFor();

    // The chart was the answer's attachment: the chat now says it is gone instead of showing a broken image.
    await page.goto(chatUrl);
    await answerFiles(page).getByText("This file is no longer in the workspace.").waitFor();
    expect(await cspViolations(page)).toEqual([]);
  });
});
