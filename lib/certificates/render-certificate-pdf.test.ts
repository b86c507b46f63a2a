// The printed certificate, read back with poppler (as a reader's PDF viewer would): every name and
// either title of the course comes out as text, in an embedded font, and stays on the page.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { PDFDocument } from "pdf-lib";
import { parse as parseYaml } from "yaml";
import { CourseFileSchema, type Locale } from "../courses/content-schema";
import { embedCertificateFonts } from "./certificate-fonts";
import type { CredentialSummary } from "./credential-schema";
import { pdfFonts, pdfText, pdfWords } from "./read-pdf-with-poppler";
import { renderCertificatePdf } from "./render-certificate-pdf";

const course = CourseFileSchema.parse(
  parseYaml(
    fs.readFileSync(path.join(import.meta.dirname, "../../content/courses/ml-foundations/course.yaml"), "utf8"),
  ),
);
const VERIFY_URL = "https://gradient.example/verify/c3BlY2lmaWMtcHVibGljLWlk";
/** The border's inner edge: nothing may be drawn beyond it. */
const BORDER = 24;

function summary(holderName: string, courseName: string): CredentialSummary {
  return {
    publicId: "c3BlY2lmaWMtcHVibGljLWlk",
    holderName,
    courseName,
    courseDescription: "",
    issuedAt: "2026-12-06T12:00:00.000Z",
    score: 86.4,
    passMark: 70,
    issuerName: "Gradient",
    issuerId: "https://gradient.example/issuer",
    evidence: [],
  };
}

// pdftotext joins a line-end hyphen to the next line's word, as it would a hyphenated word.
const withoutBreaks = (text: string) => text.replace(/[\s-]+/g, "");

async function render(holderName: string, courseName: string, locale: Locale) {
  const pdf = await renderCertificatePdf(summary(holderName, courseName), VERIFY_URL, locale);
  return { pdf, text: pdfText(pdf), fonts: pdfFonts(pdf) };
}

function assertFontsEmbedded(fonts: ReturnType<typeof pdfFonts>): void {
  assert.ok(fonts.length > 0);
  for (const font of fonts) {
    assert.ok(font.isEmbedded, `${font.name} is embedded`);
    assert.ok(font.hasToUnicode, `${font.name} maps its glyphs back to text`);
    // A bare CFF whose CIDs are its glyph ids, or TrueType. A whole OpenType file embedded instead
    // ("CID Type 0C (OT)") keeps the font's own CIDs: poppler draws it right, Ghostscript wrong glyphs.
    assert.ok(["CID Type 0C", "CID TrueType"].includes(font.type), `${font.name} is a ${font.type}`);
  }
}

function assertOnPage(pdf: Uint8Array): void {
  const { width, height, words } = pdfWords(pdf);
  assert.ok(words.length > 0);
  for (const word of words) {
    assert.ok(word.xMin >= BORDER && word.xMax <= width - BORDER, `"${word.text}" fits across the page`);
    assert.ok(word.yMin >= BORDER && word.yMax <= height - BORDER, `"${word.text}" fits down the page`);
  }
}

describe("the certificate PDF prints any name and title", () => {
  test("a Chinese learner's name and the course's Chinese title come out of the PDF", async (t) => {
    const title = course.title["zh-CN"];
    assert.ok(title, "the course has a Chinese title");
    const { pdf, text, fonts } = await render("李小龙", title, "zh-CN");
    assert.match(text, /李小龙/);
    assert.ok(text.includes(title), `the title "${title}" is in:\n${text}`);
    assert.match(text, /结业证书/, "the words around the credential are in Chinese");
    assert.ok(!text.includes("?"), "no character became a question mark");
    assertFontsEmbedded(fonts);
    assert.ok(pdf.length < 100_000, `${pdf.length} bytes`);
    assert.equal((await PDFDocument.load(pdf)).getPageCount(), 1);
    t.diagnostic(`Chinese name and title: ${pdf.length} bytes`);
  });

  test("a Latin name with diacritics, under the English title, in English", async (t) => {
    const { pdf, text, fonts } = await render("Zoë Ångström-Müller", course.title.en, "en");
    assert.match(text, /Zoë Ångström-Müller/);
    assert.ok(text.includes(course.title.en));
    assert.match(text, /Certificate of completion/);
    assertFontsEmbedded(fonts);
    assert.ok(pdf.length < 100_000, `${pdf.length} bytes`);
    t.diagnostic(`Latin name: ${pdf.length} bytes`);
  });

  test("Latin beyond Latin-1, Greek and Cyrillic, drawn in the Latin font beside the Chinese one", async (t) => {
    const name = "Łukasz Dvořák-Şahin Erdős Αλέξανδρος Мирослава";
    const { pdf, text, fonts } = await render(name, course.title.en, "en");
    assert.ok(text.includes(name), `"${name}" is in:\n${text}`);
    assertFontsEmbedded(fonts);
    assert.ok(pdf.length < 100_000, `${pdf.length} bytes`);
    t.diagnostic(`Latin Extended name: ${pdf.length} bytes`);
  });

  test("a name mixing Chinese and Latin", async (t) => {
    const { pdf, text } = await render("王 Anna 小雨", course.title.en, "en");
    assert.match(text, /王 Anna 小雨/);
    assert.ok(pdf.length < 100_000, `${pdf.length} bytes`);
    t.diagnostic(`mixed name: ${pdf.length} bytes`);
  });

  for (const [kind, name] of [
    ["Latin", "Maximiliana Alexandrina Konstantinopoulou-Wolfeschlegelsteinhausenbergerdorff von Hohenzollern"],
    ["Chinese", "欧阳".repeat(50)],
    ["unbroken", "W".repeat(100)],
  ] as const) {
    test(`a very long ${kind} name (${name.length} characters) wraps onto the page, whole`, async (t) => {
      const { pdf, text } = await render(name, course.title["zh-CN"] ?? course.title.en, "zh-CN");
      assertOnPage(pdf);
      assert.ok(withoutBreaks(text).includes(withoutBreaks(name)), `the whole name is in:\n${text}`);
      t.diagnostic(`long ${kind} name: ${pdf.length} bytes`);
    });
  }

  test("a character no font has prints as a question mark, and the rest still prints", async () => {
    const { text } = await render("Ada \u{1F600} Lovelace 李", course.title.en, "en");
    assert.match(text, /Ada \? Lovelace 李/);
  });

  test("without the font files, the standard fonts stand in", async () => {
    const pdf = await PDFDocument.create();
    const fonts = await embedCertificateFonts(
      pdf,
      { regular: "abc", bold: "abc" },
      { readFontFile: () => Promise.reject(new Error("ENOENT: the font package is not installed")) },
    );
    assert.equal(fonts.isFallback, true);
    assert.deepEqual(
      fonts.regular.map((font) => font.name),
      ["Helvetica"],
    );
    assert.deepEqual(
      fonts.bold.map((font) => font.name),
      ["Helvetica-Bold"],
    );
  });
});
