// Every page of the inventory, as each role that may see it, on a 390 px wide phone screen: the
// page must not be wider than the screen (no sideways scrolling).
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { ACCOUNT_OF, pagesByRole } from "./fixtures/page-inventory";

const PHONE = { width: 390, height: 844 };

for (const { role, pages } of pagesByRole()) {
  test.describe(`at 390 px as ${role.toLowerCase()}`, () => {
    test.use({
      viewport: PHONE,
      storageState: role === "VISITOR" ? { cookies: [], origins: [] } : storageStateFor(ACCOUNT_OF[role]),
    });
    for (const inventoryPage of pages) {
      test(`${inventoryPage.name} fits the screen`, async ({ page }) => {
        const response = await page.goto(inventoryPage.path);
        expect(response?.status(), inventoryPage.path).toBeLessThan(inventoryPage.name === "unknown page" ? 500 : 400);
        // Late layout (fonts, hydrated client components, canvases) can widen a page after load.
        await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
        const widths = await page.evaluate(() => {
          const root = document.documentElement;
          // The widest elements sticking out past the right edge, to name the culprit when it fails.
          const culprits = [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
            .filter((element) => !element.closest(".table-scroll, .code-block, .visually-hidden, pre"))
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
          return { scrollWidth: root.scrollWidth, culprits };
        });
        expect(
          widths.scrollWidth,
          `${inventoryPage.path} overflows: ${widths.culprits.join(", ")}`,
        ).toBeLessThanOrEqual(PHONE.width);
      });
    }
  });
}
