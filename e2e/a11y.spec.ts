// axe-core on every page of the inventory, as each role that may see it: no serious or critical
// violation of WCAG 2.x A/AA (or axe's best practices) may remain.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { ACCOUNT_OF, pagesByRole } from "./fixtures/page-inventory";

for (const { role, pages } of pagesByRole()) {
  test.describe(`accessibility as ${role.toLowerCase()}`, () => {
    test.use({
      storageState: role === "VISITOR" ? { cookies: [], origins: [] } : storageStateFor(ACCOUNT_OF[role]),
    });
    for (const inventoryPage of pages) {
      test(`${inventoryPage.name} has no serious or critical violations`, async ({ page }) => {
        await page.goto(inventoryPage.path);
        await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
        const results = await new AxeBuilder({ page }).analyze();
        const grave = results.violations
          .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
          .map((violation) => ({
            rule: violation.id,
            impact: violation.impact,
            help: violation.help,
            nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
          }));
        expect(grave, `${inventoryPage.path}\n${JSON.stringify(grave, null, 2)}`).toEqual([]);
      });
    }
  });
}
