import { afterAll, beforeAll, describe, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { createProject, signUp, startChat, uniqueEmail } from "./support/app-actions.js";
import { launchBrowser, newContext, saveScreenshot } from "./support/browser.js";

describe("project isolation", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("shows another user's project and chat links as not found", async () => {
    const owner = await newContext(browser);
    const ownerPage = await owner.newPage();
    await signUp(ownerPage, baseUrl, { email: uniqueEmail("owner") });
    const projectUrl = await createProject(ownerPage, "Private plans");
    await startChat(ownerPage, "CodeAssistant");
    const sessionUrl = ownerPage.url();

    // The intruder follows the link before signing in, as a shared URL would be opened.
    const intruder = await newContext(browser);
    const intruderPage = await intruder.newPage();
    await signUp(intruderPage, baseUrl, { email: uniqueEmail("intruder"), path: new URL(projectUrl).pathname });
    await intruderPage.getByRole("heading", { name: "Project not found" }).waitFor();
    await saveScreenshot(intruderPage, "11-project-not-found");

    await intruderPage.goto(sessionUrl);
    await intruderPage.getByRole("heading", { name: "Project not found" }).waitFor();
    await intruderPage.getByText("Private plans").waitFor({ state: "detached" });
    await owner.close();
    await intruder.close();
  });
});
