// Text in more than one font: each character is drawn in the first font of the chain that has it,
// so a Chinese font and a Latin one together print a name such as "Łukasz 李". A character no
// font has becomes "?" in the first font, so the file stays valid and the gap is visible.
import type { Color, PDFFont, PDFPage } from "pdf-lib";

export const MISSING = "?";

/** The fonts to try, in order; the first one also draws MISSING. */
export type FontChain = readonly [PDFFont, ...PDFFont[]];

interface Run {
  font: PDFFont;
  text: string;
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

function hasCharacter(font: PDFFont, char: string): boolean {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set.has(char.codePointAt(0) ?? -1);
}

/** Consecutive characters drawn in the same font, in order. */
export function splitRuns(chain: FontChain, text: string): Run[] {
  const runs: Run[] = [];
  for (const char of text.normalize("NFC")) {
    const font = chain.find((candidate) => hasCharacter(candidate, char));
    const drawn = font ? { font, char } : { font: chain[0], char: MISSING };
    const last = runs.at(-1);
    if (last?.font === drawn.font) last.text += drawn.char;
    else runs.push({ font: drawn.font, text: drawn.char });
  }
  return runs;
}

export function widthOfText(chain: FontChain, text: string, size: number): number {
  return splitRuns(chain, text).reduce((width, run) => width + run.font.widthOfTextAtSize(run.text, size), 0);
}

export function drawText(
  page: PDFPage,
  chain: FontChain,
  text: string,
  options: { x: number; y: number; size: number; color: Color },
): void {
  let x = options.x;
  for (const run of splitRuns(chain, text)) {
    page.drawText(run.text, { ...options, x, font: run.font });
    x += run.font.widthOfTextAtSize(run.text, options.size);
  }
}
