// Lesson snippets run in the reader's browser, in a worker, with tfjs: every snippet of two lessons
// runs to the end without an error; an error, a syntax error too, names the snippet's own line; an endless loop is
// stopped at the time limit; Reset brings the original code back. A stranger can do all of it.
import { expect, test, type Locator, type Page } from "@playwright/test";

const COURSE = "/courses/ml-foundations";

const snippetsOf = (page: Page) => page.locator(".snippet");

async function runAndWait(snippet: Locator): Promise<string> {
  await snippet.getByRole("button", { name: "Run", exact: true }).click();
  // Loading tfjs in a fresh worker and training a few hundred steps takes a while on a busy machine.
  await expect(snippet).not.toHaveAttribute("data-state", /^(idle|running)$/, { timeout: 90_000 });
  return (await snippet.getAttribute("data-state")) ?? "";
}

for (const lesson of ["preparing-data", "neurons-activations-losses"]) {
  test(`every snippet of ${lesson} runs in the browser and prints its output`, async ({ page }) => {
    test.setTimeout(600_000);
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`${COURSE}/lessons/${lesson}`);
    const snippets = snippetsOf(page);
    const count = await snippets.count();
    expect(count).toBeGreaterThan(1);
    for (let index = 0; index < count; index++) {
      const snippet = snippets.nth(index);
      const state = await runAndWait(snippet);
      const output = snippet.locator(".snippet-output");
      expect(state, `snippet ${index + 1}: ${await output.innerText()}`).toBe("done");
      await expect(output).toContainText(/Ran on the (WebGL|WebAssembly|JavaScript) backend\./);
      expect((await snippet.locator(".snippet-lines").innerText()).trim().length).toBeGreaterThan(0);
    }
    expect(refusals).toEqual([]);
  });
}

test("an error is shown on the snippet's own line, an endless loop is stopped, and Reset restores the code", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${COURSE}/lessons/neurons-activations-losses`);
  const snippet = snippetsOf(page).first();
  const code = snippet.getByRole("textbox");
  const original = await code.inputValue();

  await code.fill(
    [
      'import * as tf from "@tensorflow/tfjs";',
      "",
      "const x = tf.tensor1d([1, 2, 3]);",
      'console.log("before the error");',
      "x.reshape([2, 2]);",
      'console.log("never printed");',
    ].join("\n"),
  );
  expect(await runAndWait(snippet)).toBe("error");
  const output = snippet.locator(".snippet-output");
  await expect(output).toContainText("before the error");
  await expect(output).toContainText(/Error on line 5: /);
  await expect(output).not.toContainText("never printed");

  // Code that does not compile names its line too (the browser's own error does not).
  await code.fill('import * as tf from "@tensorflow/tfjs";\nconst x = tf.scalar(1);\nconst y = ;\n');
  expect(await runAndWait(snippet)).toBe("error");
  await expect(output).toContainText("Error on line 3: SyntaxError: Unexpected token");

  // Lesson code cannot act as the reader on this site: the worker's ways of reaching out are gone.
  await code.fill("console.log([typeof fetch, typeof XMLHttpRequest, typeof importScripts, typeof Worker].join());");
  expect(await runAndWait(snippet)).toBe("done");
  await expect(output).toContainText("undefined,undefined,undefined,undefined");

  await code.fill('import * as tf from "@tensorflow/tfjs";\nconsole.log("looping");\nwhile (true) {}\n');
  expect(await runAndWait(snippet)).toBe("timedOut");
  await expect(output).toContainText("looping");
  await expect(output).toContainText(/Stopped: the code was still running after \d+ seconds\./);

  // The page stayed responsive, and the long lines scroll inside the block, not the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snippet.getByRole("button", { name: "Reset" }).click();
  await expect(code).toHaveValue(original);
  await expect(output).toHaveText("");
});

test("the wasm backend's binaries are served from this site, and nothing else from their folder", async ({
  request,
}) => {
  const binary = await request.get("/tfjs-wasm/tfjs-backend-wasm-simd.wasm");
  expect(binary.status()).toBe(200);
  expect(binary.headers()["content-type"]).toBe("application/wasm");
  expect((await binary.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  expect((await request.get("/tfjs-wasm/package.json")).status()).toBe(404);
  expect((await request.get("/tfjs-wasm/..%2Fpackage.json")).status()).toBe(404);
});
