// Signs each demo account in once through next-auth's HTTP endpoints and saves the cookies, so
// tests start signed in instead of going through the sign-in form every time.
import fs from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { AUTH_DIR, storageStateFor } from "./fixtures/accounts";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("Playwright has no baseURL");
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  for (const account of DEMO_ACCOUNTS) {
    const context = await request.newContext({ baseURL });
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: account.email, password: account.password, json: "true" },
    });
    if (!response.ok()) throw new Error(`Signing in ${account.email} failed: HTTP ${response.status()}`);
    const session = (await (await context.get("/api/auth/session")).json()) as { userId?: string };
    if (!session.userId) throw new Error(`Signing in ${account.email} did not create a session`);
    await context.storageState({ path: storageStateFor(account.role) });
    await context.dispose();
  }
}
