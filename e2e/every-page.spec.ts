// Every page of the inventory, signed out and as each role, opened once at its /zh-CN/ address on a
// 390 px wide phone screen. One visit checks what the issue asks of every page:
// - its language: <html lang="zh-CN">, a Chinese tab title, and no English UI text outside code,
//   names and the glossary (e2e/fixtures/english-text.ts); pages a role may not see are checked
//   too, since the refusal a reader meets must be Chinese as well;
// - its layout: no wider than the screen (no sideways scrolling);
// - its accessibility: axe-core finds no serious or critical violation.
// Checking the three on one visit keeps the walk through about 130 pages to a few minutes.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { expectNoEnglishUiText } from "./fixtures/english-text";
import { ACCOUNT_OF, pageInventory, type InventoryRole } from "./fixtures/page-inventory";
import { textPeopleWrote } from "./fixtures/text-people-wrote";

const HAN = /[\u4e00-\u9fff]/;
const PHONE = { width: 390, height: 844 };
const ROLES: readonly InventoryRole[] = ["VISITOR", "LEARNER", "INSTRUCTOR", "ADMIN"];

async function expectFitsScreen(page: Page, address: string) {
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
  expect(widths.scrollWidth, `${address} overflows: ${widths.culprits.join(", ")}`).toBeLessThanOrEqual(PHONE.width);
}

async function expectNoGraveViolations(page: Page, address: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
  expect(grave, `${address}\n${JSON.stringify(grave, null, 2)}`).toEqual([]);
}

// Read once, on first use: this walk only reads pages, so it adds nothing of its own.
let written: string[] | undefined;
const writtenByPeople = () => (written ??= textPeopleWrote());

for (const role of ROLES) {
  test.describe(`every page in Chinese on a phone, as ${role.toLowerCase()}`, () => {
    test.use({
      viewport: PHONE,
      storageState: role === "VISITOR" ? { cookies: [], origins: [] } : storageStateFor(ACCOUNT_OF[role]),
    });
    for (const inventoryPage of pageInventory()) {
      const allowed = inventoryPage.roles.includes(role);
      test(`${inventoryPage.name}${allowed ? "" : " (refused)"}: Chinese, fits 390 px, no grave axe violation`, async ({
        page,
      }) => {
        const address = `/zh-CN${inventoryPage.path === "/" ? "" : inventoryPage.path}`;
        const response = await page.goto(address);
        expect(response?.status(), address).toBeLessThan(allowed && inventoryPage.name !== "unknown page" ? 400 : 500);
        // Late layout (fonts, hydrated client components, canvases) can widen a page after load.
        await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        expect(await page.title(), `${page.url()} has a Chinese tab title`).toMatch(HAN);
        await expectNoEnglishUiText(page, { names: writtenByPeople() });
        await expectFitsScreen(page, address);
        await expectNoGraveViolations(page, address);
      });
    }
  });
}
