// Every page of the inventory, signed out and as each role, opened once at its /zh-CN/ address on a
// 390 px wide phone screen. One visit checks what the issue asks of every page:
// - its language: <html lang="zh-CN">, a Chinese tab title, and no English UI text outside code,
//   names and the glossary (e2e/fixtures/english-text.ts); pages a role may not see are checked
//   too, since the refusal a reader meets must be Chinese as well;
// - its layout: no wider than the screen (no sideways scrolling);
// - its accessibility: axe-core finds no serious or critical violation.
// Checking the three on one visit keeps the walk through about 130 pages to a few minutes, and a
// refusal that reads the same as one already checked is not checked again.
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

/** One page, checked for its language, its width on a phone and axe. */
async function expectChinesePhonePage(page: Page, address: string) {
  // Late layout (fonts, hydrated client components, canvases) can widen a page after load.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  expect(await page.title(), `${page.url()} has a Chinese tab title`).toMatch(HAN);
  await expectNoEnglishUiText(page, { names: writtenByPeople() });
  await expectFitsScreen(page, address);
  await expectNoGraveViolations(page, address);
}

const addressOf = (inventoryPage: { path: string }) => `/zh-CN${inventoryPage.path === "/" ? "" : inventoryPage.path}`;

for (const role of ROLES) {
  test.describe(`every page in Chinese on a phone, as ${role.toLowerCase()}`, () => {
    test.use({
      viewport: PHONE,
      storageState: role === "VISITOR" ? { cookies: [], origins: [] } : storageStateFor(ACCOUNT_OF[role]),
    });
    const pages = pageInventory();
    for (const inventoryPage of pages.filter((candidate) => candidate.roles.includes(role))) {
      test(`${inventoryPage.name}: Chinese, fits 390 px, no grave axe violation`, async ({ page }) => {
        const address = addressOf(inventoryPage);
        const response = await page.goto(address);
        expect(response?.status(), address).toBeLessThan(inventoryPage.name !== "unknown page" ? 400 : 500);
        await expectChinesePhonePage(page, address);
      });
    }
    // The pages this role may not see mostly show the same refusal (the sign-in page, or one
    // forbidden page per area): each address is visited and must refuse without a server error,
    // and each refusal that reads differently gets the full check once, in one browser page.
    const refused = pages.filter((candidate) => !candidate.roles.includes(role));
    if (refused.length > 0) {
      test(`the ${refused.length} refused pages: Chinese, fit 390 px, no grave axe violation`, async ({ page }) => {
        test.setTimeout(30_000 + refused.length * 10_000);
        const checked = new Set<string>();
        for (const inventoryPage of refused) {
          const address = addressOf(inventoryPage);
          const response = await page.goto(address);
          expect(response?.status(), address).toBeLessThan(500);
          await expect(page.locator("html"), address).toHaveAttribute("lang", "zh-CN");
          const refusal = `${new URL(page.url()).pathname}\n${await page.evaluate(() => (document.querySelector("main") ?? document.body).innerText)}`;
          if (checked.has(refusal)) continue;
          checked.add(refusal);
          await expectChinesePhonePage(page, address);
        }
      });
    }
  });
}
