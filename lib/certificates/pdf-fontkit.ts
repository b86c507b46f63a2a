// pdf-lib lays out and subsets custom fonts with the fontkit it is handed. Its own fork,
// @pdf-lib/fontkit, is unmaintained and writes broken CJK subsets (pdf-lib#1232, #494). Upstream
// fontkit 2 writes a CID-keyed CFF subset whose CIDs equal the glyph ids pdf-lib puts in the page
// (ROS Adobe-Identity-0), which is what a PDF's Identity-H font needs; it only renamed the
// streaming encoder pdf-lib calls. This adapter gives its subsets that one method back.
import { EventEmitter } from "node:events";
import * as fontkit from "fontkit";
import type { PDFDocument } from "pdf-lib";

type PdfLibFontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type PdfLibFont = ReturnType<PdfLibFontkit["create"]>;
type PdfLibSubset = ReturnType<PdfLibFont["createSubset"]>;
type SubsetStream = ReturnType<PdfLibSubset["encodeStream"]>;

/** One "data" event with the whole subset, then "end": all pdf-lib listens for. */
function encodeAsStream(subset: fontkit.Subset): SubsetStream {
  const events = new EventEmitter();
  // pdf-lib attaches its listeners after encodeStream returns, so the events wait a tick.
  setImmediate(() => {
    try {
      events.emit("data", subset.encode());
      events.emit("end");
    } catch (error) {
      events.emit("error", error);
    }
  });
  const stream: SubsetStream = {
    on: (eventType, callback) => {
      events.on(eventType, callback);
      return stream;
    },
  };
  return stream;
}

export const pdfFontkit: PdfLibFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): PdfLibFont {
    const opened = fontkit.create(Buffer.from(bytes), postscriptName);
    if ("fonts" in opened) throw new Error("A font collection was given where a single font was expected.");
    const createSubset = opened.createSubset.bind(opened);
    return Object.assign(opened, {
      createSubset: (): PdfLibSubset => {
        const subset = createSubset();
        return Object.assign(subset, { encodeStream: () => encodeAsStream(subset) });
      },
    });
  },
};
