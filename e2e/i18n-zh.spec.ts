// Every page of the inventory at its /zh-CN/ address, signed out and as each role that may see it:
// <html lang="zh-CN">, a Chinese tab title and no English UI text outside code, names and the
// glossary (e2e/fixtures/english-text.ts). The unknown page is the reachable error state; pages a
// role may not see are checked too, since the refusal a reader meets must be Chinese as well.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { OTHER_ACCOUNTS, storageStateFor } from "./fixtures/accounts";
import { expectNoEnglishUiText } from "./fixtures/english-text";
import { ACCOUNT_OF, pageInventory, type InventoryRole } from "./fixtures/page-inventory";

const HAN = /[\u4e00-\u9fff]/;
const ROLES: readonly InventoryRole[] = ["VISITOR", "LEARNER", "INSTRUCTOR", "ADMIN"];

/** People's names and e-mail addresses the pages show as they are (the demo and test accounts, the inventory's certificate holder). */
const NAMES = [
  ...DEMO_ACCOUNTS.flatMap((account) => [account.name, account.email]),
  ...OTHER_ACCOUNTS.flatMap((account) => [account.name, account.email]),
  "Vera Verified",
];

for (const role of ROLES) {
  test.describe(`in Chinese as ${role.toLowerCase()}`, () => {
    test.use({
      storageState: role === "VISITOR" ? { cookies: [], origins: [] } : storageStateFor(ACCOUNT_OF[role]),
    });
    for (const inventoryPage of pageInventory()) {
      const allowed = inventoryPage.roles.includes(role);
      test(`${inventoryPage.name}${allowed ? "" : " (refused)"} has no English`, async ({ page }) => {
        const address = `/zh-CN${inventoryPage.path === "/" ? "" : inventoryPage.path}`;
        const response = await page.goto(address);
        expect(response?.status(), address).toBeLessThan(500);
        await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        expect(await page.title(), `${page.url()} has a Chinese tab title`).toMatch(HAN);
        await expectNoEnglishUiText(page, { names: NAMES });
      });
    }
  });
}
