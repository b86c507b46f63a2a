// The certificate's typeface: Noto Sans CJK SC (npm @embedpdf/fonts-sc), which draws Chinese,
// Latin, Greek and Cyrillic, so any learner's name and either title of the course prints. The
// font files are 8 MB each, so every PDF carries only the glyphs it draws: HarfBuzz (subset-font)
// cuts the font down to the certificate's text, then fontkit 2 (through pdf-lib) writes those
// glyphs as the CID-keyed CFF a PDF expects. Without the font files the certificate is still
// drawn, with the standard PDF fonts, and the log says why its non-Latin characters show as "?".
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import subsetFont from "subset-font";
import { logger } from "../log";
import { pdfFontkit } from "./pdf-fontkit";

const FONT_PACKAGE = "@embedpdf/fonts-sc";
const FONT_FILES = { regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf" } as const;

export type FontWeight = keyof typeof FONT_FILES;

export interface CertificateFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** True when the standard fonts stand in because the certificate font could not be loaded. */
  isFallback: boolean;
}

const fontFiles = new Map<FontWeight, Promise<Buffer>>();

function fontPath(weight: FontWeight): string {
  // The bundler of the web app turns a require.resolve it can see into a module number; one made
  // from the module loader fetched at run time resolves the installed package's file, as Node does.
  const { createRequire } = process.getBuiltinModule("node:module");
  // The package exports only its JavaScript entry; the font files sit beside its dist folder.
  const entry = createRequire(import.meta.url).resolve(FONT_PACKAGE);
  return path.join(path.dirname(entry), "..", "fonts", FONT_FILES[weight]);
}

/** Each file is read once per process; a failed read is retried by the next certificate. */
function readFontFile(weight: FontWeight): Promise<Buffer> {
  let file = fontFiles.get(weight);
  if (!file) {
    file = Promise.resolve()
      .then(() => readFile(fontPath(weight)))
      .catch((error: unknown) => {
        fontFiles.delete(weight);
        throw error;
      });
    fontFiles.set(weight, file);
  }
  return file;
}

export interface EmbedFontsOptions {
  /** Reads a weight's font file; tests pass one that fails, to see the fallback. */
  loadFont?: (weight: FontWeight) => Promise<Buffer>;
}

async function embedSubset(pdf: PDFDocument, font: Buffer, text: string): Promise<PDFFont> {
  const subset = await subsetFont(font, text, { targetFormat: "sfnt" });
  return pdf.embedFont(subset, { subset: true });
}

/**
 * Embeds the certificate font in `pdf`, in each weight holding the glyphs of the text given for
 * it. Falls back to Helvetica, logging the reason, when the font cannot be loaded.
 */
export async function embedCertificateFonts(
  pdf: PDFDocument,
  text: Record<FontWeight, string>,
  { loadFont = readFontFile }: EmbedFontsOptions = {},
): Promise<CertificateFonts> {
  pdf.registerFontkit(pdfFontkit);
  try {
    const [regularFile, boldFile] = await Promise.all([loadFont("regular"), loadFont("bold")]);
    const [regular, bold] = await Promise.all([
      embedSubset(pdf, regularFile, text.regular),
      embedSubset(pdf, boldFile, text.bold),
    ]);
    return { regular, bold, isFallback: false };
  } catch (error) {
    logger.error(
      { err: error, fontPackage: FONT_PACKAGE },
      "The certificate font could not be loaded; this PDF uses the standard fonts, which print " +
        "characters outside Latin-1 (such as Chinese names) as '?'. Run npm install to restore it.",
    );
    const [regular, bold] = await Promise.all([
      pdf.embedFont(StandardFonts.Helvetica),
      pdf.embedFont(StandardFonts.HelveticaBold),
    ]);
    return { regular, bold, isFallback: true };
  }
}
