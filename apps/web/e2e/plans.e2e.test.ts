import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  createProject,
  nodeStatuses,
  recordNodeStatuses,
  sendMessage,
  setApprovalThreshold,
  signUp,
  startChat,
  uniqueEmail,
} from "./support/app-actions.js";
import { cspViolations, launchBrowser, newContext, phone, recordCspViolations, saveScreenshot } from "./support/browser.js";
import { releaseNotesMarker, slowPlanMarker } from "./support/scripted-llm.js";

const planCard = (page: Page) => page.locator(".plan-card").last();
const planStatus = (page: Page) => planCard(page).getAttribute("data-plan-status");

describe("orchestrated plans", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  /** A fresh user whose plans all wait for approval (or none do), in a chat sent to Auto. */
  async function openAutoChat(label: string, thresholdUsd: number): Promise<Page> {
    context = await newContext(browser);
    await recordCspViolations(context);
    const page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail(label) });
    await createProject(page, `Plans ${label}`);
    await setApprovalThreshold(page, thresholdUsd);
    await startChat(page, "Auto (orchestrator)");
    return page;
  }

  it("asks for approval over the threshold, then runs the graph live to a final answer", async () => {
    const page = await openAutoChat("approve", 0);
    await recordNodeStatuses(page);
    await sendMessage(page, `${releaseNotesMarker}: write the release notes for version 2`);

    const approval = page.getByRole("region", { name: "Approval needed" });
    await approval.waitFor();
    expect(await approval.textContent()).toMatch(/exceeds your approval threshold/);
    expect(await approval.textContent()).toMatch(/Estimated \$\d/);
    expect(await page.getByRole("timer").textContent()).toMatch(/^Expires in 0:0[1-8]$/);
    expect(await planCard(page).locator(".plan-graph [data-task-id]").count()).toBe(3);
    expect(await planCard(page).locator(".plan-edge").count()).toBe(2);
    await saveScreenshot(page, "12-plan-approval");

    await approval.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => planStatus(page), { timeout: 30_000 }).toBe("completed");
    const statuses = await nodeStatuses(page);
    for (const taskId of ["t1", "t2", "t3"]) {
      expect(statuses[taskId], taskId).toEqual(["pending", "running", "completed"]);
    }
    // The plan's one final task gives the answer, which arrives in the chat as the orchestrator's message.
    await page.locator(".message-assistant").filter({ hasText: "Done: Draft the release notes" }).waitFor();
    expect(await planCard(page).locator(".plan-numbers").textContent()).toMatch(/Actual\$\d/);
    await saveScreenshot(page, "13-plan-completed");
    await page.setViewportSize(phone);
    await planCard(page).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "13-plan-completed-phone");
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it("stops at a rejection without running anything", async () => {
    const page = await openAutoChat("reject", 0);
    await sendMessage(page, `${releaseNotesMarker}: write the release notes for version 3`);
    await page.getByRole("region", { name: "Approval needed" }).getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => planStatus(page)).toBe("rejected");
    await planCard(page).getByText("You rejected this plan.").waitFor();
    const statuses = await planCard(page).locator(".plan-graph [data-task-id]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-status")));
    expect(statuses).toEqual(["pending", "pending", "pending"]);
    await context.close();
  });

  it("rejects a plan nobody approved in time", async () => {
    const page = await openAutoChat("expiry", 0);
    await sendMessage(page, `${releaseNotesMarker}: write the release notes for version 4`);
    await page.getByRole("region", { name: "Approval needed" }).waitFor();
    await expect.poll(() => planStatus(page), { timeout: 25_000, interval: 500 }).toBe("rejected");
    await planCard(page).getByText("No decision came before the approval expired.").waitFor();
    await saveScreenshot(page, "14-plan-expired");
    await context.close();
  });

  it("cancels a running plan and its output stops growing", async () => {
    const page = await openAutoChat("cancel", 100);
    await sendMessage(page, `${slowPlanMarker}: an essay, please`);
    const output = planCard(page).locator('.plan-task[data-task-id="t1"] .plan-task-body .markdown');
    await expect.poll(async () => (await output.textContent())?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(40);
    await saveScreenshot(page, "15-plan-running");

    await planCard(page).getByRole("button", { name: "Cancel plan" }).click();
    await expect.poll(() => planStatus(page), { timeout: 15_000 }).toBe("cancelled");
    const lengthAtCancel = (await output.textContent())?.length;
    await page.waitForTimeout(1_500);
    expect((await output.textContent())?.length).toBe(lengthAtCancel);
    const statuses = await planCard(page).locator(".plan-graph [data-task-id]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-status")));
    expect(statuses.every((status) => status === "cancelled" || status === "skipped")).toBe(true);
    await context.close();
  });
});
