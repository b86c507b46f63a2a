// Reads a PDF the way an outside tool does, with Debian's poppler-utils: the text a reader can copy
// out (through the fonts' ToUnicode maps), each word's box on the page, and the fonts embedded.
// Tests use it to check the certificate independently of the library that wrote it.
import { execFileSync } from "node:child_process";
import { ensureDebianPackages } from "../system/debian-packages";

export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface PdfFont {
  name: string;
  type: string;
  isEmbedded: boolean;
  hasToUnicode: boolean;
}

function poppler(tool: "pdftotext" | "pdffonts", args: string[], pdf: Uint8Array): string {
  ensureDebianPackages(["poppler-utils"], "reading certificate PDFs in the tests");
  // "-" reads the PDF from standard input, so no file is written.
  return execFileSync(tool, [...args, "-"], { input: pdf, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
}

export function pdfText(pdf: Uint8Array): string {
  return poppler("pdftotext", ["-enc", "UTF-8", "-"], pdf);
}

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The page's size and every word's box, in points from the top left corner. */
export function pdfWords(pdf: Uint8Array): { width: number; height: number; words: PdfWord[] } {
  const html = poppler("pdftotext", ["-bbox", "-enc", "UTF-8", "-"], pdf);
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  if (!page) throw new Error("pdftotext -bbox printed no page");
  const words = [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g),
  ].map(([, xMin, yMin, xMax, yMax, text]) => ({
    text: decodeEntities(text ?? ""),
    xMin: Number(xMin),
    yMin: Number(yMin),
    xMax: Number(xMax),
    yMax: Number(yMax),
  }));
  return { width: Number(page[1]), height: Number(page[2]), words };
}

/** pdffonts' table: name, type, encoding, then the emb, sub and uni columns and the object id. */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  return poppler("pdffonts", [], pdf)
    .split("\n")
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      const [isEmbedded, , hasToUnicode] = columns.slice(-5, -2);
      return {
        name: columns[0] ?? "",
        type: line.slice(37, 55).trim(),
        isEmbedded: isEmbedded === "yes",
        hasToUnicode: hasToUnicode === "yes",
      };
    });
}
