import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";
import { saveScreenshot } from "./browser.js";

const projectUrl = /\/projects\/[0-9a-f-]{36}$/;

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Signs up through the form and waits for the workspace. */
export async function signUp(page: Page, baseUrl: string, { email, path = "/" }: { email: string; path?: string }): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole("button", { name: "Create an account" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Creates a project from whichever form is showing (first project, or New project) and returns its URL. */
export async function createProject(page: Page, name: string): Promise<string> {
  const nameField = page.getByLabel("Project name");
  const newProject = page.getByRole("link", { name: "New project" });
  await nameField.or(newProject).first().waitFor();
  if (!(await nameField.isVisible())) await newProject.click();
  await nameField.fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(projectUrl);
  return page.url();
}

/** Opens a new chat in the current project and picks who receives the messages. */
export async function startChat(page: Page, target: string): Promise<void> {
  await page.getByRole("button", { name: "Start a new chat" }).click();
  await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
  await page.getByLabel("Send to").selectOption({ label: target });
  await expect.poll(() => page.locator(".connection").textContent()).toBe("Live");
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

/** Waits for the stored (no longer streaming) reply; on a timeout, saves what the screen showed. */
export async function storedReply(page: Page, failureName: string): Promise<Locator> {
  const reply = page.locator(".message-assistant:not(.message-live)").last();
  try {
    await reply.waitFor({ timeout: 30_000 });
  } catch (error) {
    await saveScreenshot(page, `failure-${failureName}`);
    throw error;
  }
  return reply;
}

/** Sets when the orchestrator asks first, through the Limits dialog. */
export async function setApprovalThreshold(page: Page, usd: number): Promise<void> {
  await page.getByRole("button", { name: "Limits" }).click();
  const field = page.getByLabel("Ask before plans costing more than (USD)");
  await field.fill(String(usd));
  await page.getByRole("button", { name: "Save limits" }).click();
  await field.waitFor({ state: "detached" });
}

/** Records every status each graph node shows, in order, from now on. */
export async function recordNodeStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    Object.assign(window, { nodeStatuses: seen });
    const record = () => {
      for (const node of document.querySelectorAll(".plan-graph [data-task-id]")) {
        const taskId = node.getAttribute("data-task-id") ?? "";
        const status = node.getAttribute("data-status") ?? "";
        const statuses = (seen[taskId] ??= []);
        if (statuses.at(-1) !== status) statuses.push(status);
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
  });
}

export function nodeStatuses(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => (window as unknown as { nodeStatuses: Record<string, string[]> }).nodeStatuses);
}
