// fontkit 2 ships no typings. Its fonts have the shape pdf-lib's typings describe for fontkit 1,
// except that a subset encodes in one call (encode) where fontkit 1 streamed (encodeStream).
declare module "fontkit" {
  import type { PDFDocument } from "pdf-lib";

  type PdfLibFont = ReturnType<Parameters<PDFDocument["registerFontkit"]>[0]["create"]>;
  type PdfLibSubset = ReturnType<PdfLibFont["createSubset"]>;

  export interface Subset extends Omit<PdfLibSubset, "encodeStream"> {
    encode(): Uint8Array;
  }

  export interface Font extends Omit<PdfLibFont, "createSubset"> {
    createSubset(): Subset;
  }

  /** A collection (.ttc) has no glyphs of its own; this code only opens single fonts. */
  export interface FontCollection {
    fonts: Font[];
  }

  export function create(buffer: Buffer, postscriptName?: string): Font | FontCollection;
}
