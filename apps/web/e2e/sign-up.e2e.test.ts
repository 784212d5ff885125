import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { createProject, uniqueEmail } from "./support/app-actions.js";
import { launchBrowser, newContext, saveScreenshot } from "./support/browser.js";

const starterAgents = ["CodeAssistant", "DataAnalyst", "DocumentWriter"];

describe("signing up", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("creates an account and a project whose three starter agents are listed", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole("heading", { name: "Sign in to CodeLab" }).waitFor();
    await saveScreenshot(page, "01-sign-in");

    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill(uniqueEmail("starter"));
    await page.getByLabel("Password").fill("correct horse battery");
    await saveScreenshot(page, "02-sign-up");
    await page.getByRole("button", { name: "Create account" }).click();

    await page.getByRole("heading", { name: "Create your first project" }).waitFor();
    await saveScreenshot(page, "03-first-project");
    await createProject(page, "Billing service");

    const welcomeAgents = page.getByRole("list", { name: "Agents in this project" }).locator(".welcome-agent-name");
    await expect.poll(() => welcomeAgents.allTextContents()).toEqual(starterAgents);
    await saveScreenshot(page, "04-project-chat-home");

    await page.getByRole("link", { name: "Agents" }).click();
    for (const name of starterAgents) await page.getByRole("heading", { name, level: 3 }).waitFor();
    expect(await page.locator(".agent-card").count()).toBe(3);
    await saveScreenshot(page, "05-agents");
    await context.close();
  });
});
