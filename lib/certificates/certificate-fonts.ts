// The certificate's typefaces: Noto Sans CJK SC (npm @embedpdf/fonts-sc) draws Chinese, Japanese
// kana, Latin-1, Greek and Cyrillic; Noto Sans (npm @expo-google-fonts/noto-sans), the same
// design, draws the rest of Latin (Ł, ř, ş, ő...), so any learner's name and either title of the
// course prints. The files are large (8.4 MB for a CJK weight), so every PDF carries only the
// glyphs it draws: HarfBuzz (subset-font) cuts each font down to its share of the certificate's
// text, then fontkit 2 (through pdf-lib) writes those glyphs as the CID-keyed subset a PDF
// expects. Without the font files the certificate is still drawn, with the standard PDF fonts,
// and the log says why its non-Latin characters show as "?".
import fs from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as fontkit from "fontkit";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import subsetFont from "subset-font";
import { logger } from "../log";
import { MISSING, type FontChain } from "./font-chain";
import { pdfFontkit } from "./pdf-fontkit";

export interface FontSource {
  /** The npm package that ships the file, and the file's path inside it. */
  package: string;
  file: string;
}

/** Each weight's fonts in the order a character tries them. */
const FONT_SOURCES = {
  regular: [
    { package: "@embedpdf/fonts-sc", file: "fonts/NotoSansHans-Regular.otf" },
    { package: "@expo-google-fonts/noto-sans", file: "400Regular/NotoSans_400Regular.ttf" },
  ],
  bold: [
    { package: "@embedpdf/fonts-sc", file: "fonts/NotoSansHans-Bold.otf" },
    { package: "@expo-google-fonts/noto-sans", file: "700Bold/NotoSans_700Bold.ttf" },
  ],
} as const satisfies Record<string, readonly [FontSource, ...FontSource[]]>;

export type FontWeight = keyof typeof FONT_SOURCES;

export interface CertificateFonts {
  regular: FontChain;
  bold: FontChain;
  /** True when the standard fonts stand in because a certificate font could not be loaded. */
  isFallback: boolean;
}

export interface EmbedFontsOptions {
  /** Reads a font file; tests pass one that fails, to see the fallback. */
  readFontFile?: (source: FontSource) => Promise<Buffer>;
}

function packageRoot(name: string): string {
  // The bundler of the web app turns a require.resolve it can see into a module number; one made
  // from the module loader fetched at run time resolves the installed package's file, as Node does.
  const { createRequire } = process.getBuiltinModule("node:module");
  // A package may export only its JavaScript entry: its root is the nearest folder above it with a package.json.
  let folder = path.dirname(createRequire(import.meta.url).resolve(name));
  while (!fs.existsSync(path.join(folder, "package.json"))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`No package.json above the entry of ${name}`);
    folder = parent;
  }
  return folder;
}

const fontFiles = new Map<string, Promise<Buffer>>();

/** Each file is read once per process; a failed read is retried by the next certificate. */
function readInstalledFontFile(source: FontSource): Promise<Buffer> {
  const key = `${source.package}/${source.file}`;
  let file = fontFiles.get(key);
  if (!file) {
    file = Promise.resolve()
      .then(() => readFile(path.join(packageRoot(source.package), source.file)))
      .catch((error: unknown) => {
        fontFiles.delete(key);
        throw error;
      });
    fontFiles.set(key, file);
  }
  return file;
}

const characterSets = new WeakMap<Buffer, Set<number>>();

function characterSetOf(font: Buffer): Set<number> {
  let set = characterSets.get(font);
  if (!set) {
    const opened = fontkit.create(font);
    if ("fonts" in opened) throw new Error("A font collection was given where a single font was expected.");
    set = new Set(opened.characterSet);
    characterSets.set(font, set);
  }
  return set;
}

/** Each distinct character of `text` goes to the first font that has it; the first also gets MISSING. */
function shareOut(fonts: readonly Buffer[], text: string): string[] {
  const shares = fonts.map((_, index) => (index === 0 ? MISSING : ""));
  for (const char of new Set(text.normalize("NFC"))) {
    const index = fonts.findIndex((font) => characterSetOf(font).has(char.codePointAt(0) ?? -1));
    if (index >= 0) shares[index] += char;
  }
  return shares;
}

async function embedChain(
  pdf: PDFDocument,
  sources: readonly [FontSource, ...FontSource[]],
  text: string,
  read: (source: FontSource) => Promise<Buffer>,
): Promise<FontChain> {
  const files = await Promise.all(sources.map(read));
  const shares = shareOut(files, text);
  const embedded: PDFFont[] = [];
  for (const [index, file] of files.entries()) {
    const share = shares[index] ?? "";
    if (!share) continue;
    const subset = await subsetFont(file, share, { targetFormat: "sfnt" });
    embedded.push(await pdf.embedFont(subset, { subset: true }));
  }
  const [first, ...rest] = embedded;
  if (!first) throw new Error("No certificate font was embedded.");
  return [first, ...rest];
}

/**
 * Embeds the certificate fonts in `pdf`, each weight holding the glyphs of the text given for it.
 * Falls back to Helvetica, logging the reason, when a font cannot be loaded.
 */
export async function embedCertificateFonts(
  pdf: PDFDocument,
  text: Record<FontWeight, string>,
  { readFontFile = readInstalledFontFile }: EmbedFontsOptions = {},
): Promise<CertificateFonts> {
  pdf.registerFontkit(pdfFontkit);
  try {
    const [regular, bold] = await Promise.all([
      embedChain(pdf, FONT_SOURCES.regular, text.regular, readFontFile),
      embedChain(pdf, FONT_SOURCES.bold, text.bold, readFontFile),
    ]);
    return { regular, bold, isFallback: false };
  } catch (error) {
    logger.error(
      { err: error, fontPackages: [...new Set(FONT_SOURCES.regular.map((source) => source.package))] },
      "The certificate fonts could not be loaded; this PDF uses the standard fonts, which print " +
        "characters outside Latin-1 (such as Chinese names) as '?'. Run npm install to restore them.",
    );
    const [regular, bold] = await Promise.all([
      pdf.embedFont(StandardFonts.Helvetica),
      pdf.embedFont(StandardFonts.HelveticaBold),
    ]);
    return { regular: [regular], bold: [bold], isFallback: true };
  }
}
