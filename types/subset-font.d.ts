// subset-font ships no typings; only the call this code makes is described.
declare module "subset-font" {
  interface SubsetOptions {
    /** "sfnt" keeps the input's container: OpenType in, OpenType out. */
    targetFormat?: "sfnt" | "woff" | "woff2" | "truetype";
  }

  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>;
}
