import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { createProject, signUp, uniqueEmail } from "./support/app-actions.js";
import { launchBrowser, newContext, saveScreenshot } from "./support/browser.js";

describe("managing a project", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("creates, edits and deletes an agent, and renames and deletes chats", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, baseUrl, { email: uniqueEmail("manage") });
    await createProject(page, "Managed project");

    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("button", { name: "New agent" }).click();
    const dialog = page.getByRole("dialog", { name: "New agent" });
    await dialog.getByLabel("Max tokens").fill("");
    await dialog.getByRole("button", { name: "Create agent" }).click();
    // The contract's rules, checked before anything is sent.
    expect(await dialog.locator(".field-error").allTextContents()).toEqual(["Must not be empty", "Must be a number"]);
    await dialog.getByLabel("Name", { exact: true }).fill("Reviewer");
    await dialog.getByLabel("System prompt").fill("You review pull requests for **clarity**.");
    await dialog.getByLabel("Max tokens").fill("2048");
    await dialog.getByLabel("file_reader").check();
    await saveScreenshot(page, "17-new-agent");
    await dialog.getByRole("button", { name: "Create agent" }).click();
    await page.getByRole("heading", { name: "Reviewer", level: 3 }).waitFor();

    await page.getByRole("button", { name: "Edit Reviewer" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Reviewer" });
    await edit.getByLabel("Temperature").fill("0.2");
    await edit.getByLabel(/Enabled/).uncheck();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "detached" });
    const card = page.locator(".agent-card").filter({ hasText: "Reviewer" });
    await expect.poll(() => card.locator(".status").textContent()).toBe("Disabled");
    expect(await card.textContent()).toContain("0.2");

    await page.getByRole("button", { name: "Delete Reviewer" }).click();
    await page.getByRole("dialog", { name: "Delete Reviewer?" }).getByRole("button", { name: "Delete agent" }).click();
    await card.waitFor({ state: "detached" });
    expect(await page.locator(".agent-card").count()).toBe(3);

    await page.getByRole("link", { name: "Chat" }).click();
    await page.getByRole("button", { name: "New chat", exact: true }).click();
    await page.waitForURL(/\/sessions\//);
    await page.getByRole("button", { name: "Rename New chat" }).click();
    const rename = page.getByRole("dialog", { name: "Rename chat" });
    await rename.getByLabel("Topic").fill("Quarterly report");
    await rename.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("heading", { name: "Quarterly report", level: 2 }).waitFor();

    await page.getByRole("button", { name: "Delete Quarterly report" }).click();
    await page.getByRole("dialog", { name: "Delete “Quarterly report”?" }).getByRole("button", { name: "Delete chat" }).click();
    await page.getByText("No chats yet.").waitFor();
    await page.getByRole("heading", { name: "What should your agents work on?" }).waitFor();

    await page.getByRole("button", { name: "Settings" }).click();
    const settings = page.getByRole("dialog", { name: "Project settings" });
    await settings.getByLabel("Project name").fill("Renamed project");
    await settings.getByLabel("Workspace path").fill("/srv/renamed");
    await settings.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Renamed project", level: 1 }).waitFor();
    await page.getByRole("link", { name: /Renamed project/ }).waitFor();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete “Renamed project”?" }).getByRole("button", { name: "Delete project" }).click();
    await page.getByRole("heading", { name: "Create your first project" }).waitFor();
    await page.getByText("“Renamed project” deleted").waitFor();
    await context.close();
  });
});
