// Fits a line of the certificate (a name, a course title) into the page's width: first by a
// smaller size, then by wrapping onto more lines, and only as a last resort by cutting the end
// with an ellipsis, so no text ever runs off the page.

export const ELLIPSIS = "…";

export interface FitOptions {
  /** Width of `text` at `size` points, in points. */
  measure: (text: string, size: number) => number;
  maxWidth: number;
  size: number;
  minSize: number;
  maxLines: number;
}

export interface FittedText {
  lines: string[];
  size: number;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const graphemes = new Intl.Segmenter("zh", { granularity: "grapheme" });

/** Pieces a line may break between: words, each CJK word on its own, spaces kept with the word before. */
function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const previous = pieces.length - 1;
    if (/^\s+$/.test(segment) && previous >= 0) pieces[previous] += segment;
    else pieces.push(segment);
  }
  return pieces;
}

/** Greedy wrap; a piece wider than a whole line is broken between its characters. */
function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = "";
  for (const piece of breakPieces(text)) {
    if (fits(line + piece.trimEnd())) {
      line += piece;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = "";
    for (const { segment } of graphemes.segment(piece)) {
      if (line && !fits(line + segment.trimEnd())) {
        lines.push(line.trimEnd());
        line = "";
      }
      line += segment;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function truncate(line: string, fits: (line: string) => boolean): string {
  const characters = [...graphemes.segment(line)].map(({ segment }) => segment);
  while (characters.length > 0 && !fits(characters.join("").trimEnd() + ELLIPSIS)) characters.pop();
  return characters.join("").trimEnd() + ELLIPSIS;
}

export function fitText(text: string, { measure, maxWidth, size, minSize, maxLines }: FitOptions): FittedText {
  const clean = text.replace(/\s+/g, " ").trim();
  // One line shrinks to three quarters of its size; beyond that, two lines read better than tiny print.
  const wrapFrom = Math.max(minSize, Math.ceil(size * 0.75));
  for (let fitted = size; fitted >= wrapFrom; fitted -= 1) {
    if (measure(clean, fitted) <= maxWidth) return { lines: [clean], size: fitted };
  }
  for (let fitted = wrapFrom; fitted >= minSize; fitted -= 1) {
    const lines = wrap(clean, (line) => measure(line, fitted) <= maxWidth);
    if (lines.length <= maxLines) return { lines, size: fitted };
  }
  const fits = (line: string) => measure(line, minSize) <= maxWidth;
  const lines = wrap(clean, fits);
  const kept = lines.slice(0, maxLines);
  kept[kept.length - 1] = truncate(lines.slice(maxLines - 1).join(" "), fits);
  return { lines: kept, size: minSize };
}
