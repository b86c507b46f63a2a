// A learner named in Chinese downloads their certificate from its verify page, as a reader of
// either language would, and the PDF the running web app serves yields their name as text, with
// the course's title in the reader's language.
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { runLib } from "./fixtures/run-lib";

const CERTIFICATE_LIB = {
  env: "lib/env.ts",
  dataDir: "lib/env.ts",
  ensureSigningKeyFile: "scripts/lib/signing-key.ts",
  issueCertificate: "lib/certificates/issue-certificate.ts",
};
const POPPLER_LIB = {
  pdfText: "lib/certificates/read-pdf-with-poppler.ts",
  pdfFonts: "lib/certificates/read-pdf-with-poppler.ts",
};

/** A new learner enrolled in the course, holding a certificate issued through lib/ (grading is not under test). */
function learnerWithCertificate(name: string): string {
  const email = `pdf-e2e-${crypto.randomBytes(6).toString("hex")}@example.com`;
  return runLib<string>(
    `
    const course = await db.course.findUniqueOrThrow({ where: { slug: "ml-foundations" }, select: { id: true } });
    const user = await db.user.create({ data: { email: ${JSON.stringify(email)}, name: ${JSON.stringify(name)},
      passwordHash: "not-used", enrolments: { create: { courseId: course.id } } } });
    const outcome = await issueCertificate({ userId: user.id, courseId: course.id, score: 91, passMark: 70, evidence: [] });
    if (!outcome.isIssued) throw new Error(outcome.reasons.join("; "));
    return outcome.publicId;`,
    CERTIFICATE_LIB,
  );
}

/** Reads the PDF with poppler, outside the browser and outside the app that wrote it. */
function readPdf(pdf: Buffer): {
  text: string;
  fonts: { name: string; type: string; isEmbedded: boolean; hasToUnicode: boolean }[];
} {
  const bytes = JSON.stringify(pdf.toString("base64"));
  return runLib(
    `const pdf = Buffer.from(${bytes}, "base64"); return { text: pdfText(pdf), fonts: pdfFonts(pdf) };`,
    POPPLER_LIB,
  );
}

/** Opens the verify page in a browser speaking `locale` and downloads the PDF through its link. */
async function downloadPdf(browser: Browser, publicId: string, locale: string): Promise<Buffer> {
  const context = await browser.newContext({ locale });
  try {
    const page = await context.newPage();
    await page.goto(`/verify/${publicId}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      // The page is in the reader's language, as the PDF is.
      page.getByRole("link", { name: /^(PDF certificate|PDF 证书)$/ }).click(),
    ]);
    return fs.readFileSync(await download.path());
  } finally {
    await context.close();
  }
}

test.beforeAll(() => {
  // With no key configured, the web app signs with the one in the data folder, as under `npm start`.
  runLib("if (!env.SIGNING_KEY && !env.SIGNING_KEY_FILE) ensureSigningKeyFile(dataDir);", CERTIFICATE_LIB);
});

test("a Chinese-named learner's PDF prints their name, in an embedded font, in the reader's language", async ({
  browser,
}) => {
  const name = "李小龙";
  const publicId = learnerWithCertificate(name);

  const chinese = readPdf(await downloadPdf(browser, publicId, "zh-CN"));
  expect(chinese.text).toContain(name);
  expect(chinese.text).toContain("结业证书");
  expect(chinese.text).toContain("机器学习基础");
  expect(chinese.text).not.toContain("?");
  expect(chinese.fonts.length).toBeGreaterThan(0);
  for (const font of chinese.fonts) {
    expect(font).toMatchObject({ isEmbedded: true, hasToUnicode: true });
    expect(["CID Type 0C", "CID TrueType"]).toContain(font.type);
  }

  const english = readPdf(await downloadPdf(browser, publicId, "en-GB"));
  expect(english.text).toContain(name);
  expect(english.text).toContain("Certificate of completion");
  expect(english.text).toContain("Machine Learning Foundations");
});

test("a name in Latin beyond Latin-1 prints too, from the second font", async ({ browser }) => {
  const name = "Łukasz Dvořák-Şahin";
  const publicId = learnerWithCertificate(name);
  const { text, fonts } = readPdf(await downloadPdf(browser, publicId, "en-GB"));
  expect(text).toContain(name);
  expect(fonts.map((font) => font.type)).toContain("CID TrueType");
});
