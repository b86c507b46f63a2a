// The printable certificate: one A4 landscape page with the holder, course, score and date, and a
// QR code of the verify URL, because paper cannot prove itself; the verify page can. The words
// around the credential's text are in `locale`; the holder's name prints as signed, the course's
// title as the caller gives it (get-certificate-pdf.ts translates it for the reader).
import { PDFDocument, rgb, type Color, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import type { Locale } from "../courses/content-schema";
import { embedCertificateFonts, type FontWeight } from "./certificate-fonts";
import { certificatePdfMessages } from "./certificate-pdf-messages";
import type { CredentialSummary } from "./credential-schema";
import { ELLIPSIS, fitText } from "./fit-text";
import { drawText, MISSING, widthOfText, type FontChain } from "./font-chain";

const INK = rgb(0.11, 0.13, 0.2);
const MUTED = rgb(0.38, 0.4, 0.47);
const ACCENT = rgb(0.2, 0.36, 0.85);
const PAGE_SIZE: [number, number] = [841.89, 595.28];
const MARGIN = 60;

/** One centred block of the page: its distance below the previous block, its text and style. */
interface Block {
  gap: number;
  text: string;
  weight: FontWeight;
  size: number;
  minSize: number;
  maxLines: number;
  color: Color;
}

/** Draws the blocks from `top` down, each fitted to the page's width. */
function drawCentredBlocks(page: PDFPage, fonts: Record<FontWeight, FontChain>, blocks: Block[], top: number): void {
  const maxWidth = page.getWidth() - 2 * MARGIN;
  let baseline = top;
  blocks.forEach((block, index) => {
    const chain = fonts[block.weight];
    const fitted = fitText(block.text, {
      measure: (text, size) => widthOfText(chain, text, size),
      maxWidth,
      size: block.size,
      minSize: block.minSize,
      maxLines: block.maxLines,
    });
    fitted.lines.forEach((line, lineIndex) => {
      baseline -= lineIndex === 0 ? (index === 0 ? 0 : block.gap) : fitted.size * 1.25;
      drawText(page, chain, line, {
        x: (page.getWidth() - widthOfText(chain, line, fitted.size)) / 2,
        y: baseline,
        size: fitted.size,
        color: block.color,
      });
    });
  });
}

/** Draws the QR code as vector squares, so it stays sharp at any print size. */
function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      page.drawRectangle({
        x: x + (column + quiet) * cell,
        y: y + size - (row + quiet + 1) * cell,
        width: cell,
        height: cell,
        color: INK,
      });
    }
  }
}

export async function renderCertificatePdf(
  summary: CredentialSummary,
  verifyUrl: string,
  locale: Locale = "en",
): Promise<Uint8Array> {
  const messages = certificatePdfMessages(locale);
  const blocks: Block[] = [
    {
      gap: 0,
      text: summary.issuerName.toUpperCase(),
      weight: "bold",
      size: 16,
      minSize: 10,
      maxLines: 1,
      color: ACCENT,
    },
    { gap: 50, text: messages.heading, weight: "regular", size: 30, minSize: 16, maxLines: 1, color: INK },
    { gap: 50, text: messages.certifies, weight: "regular", size: 13, minSize: 10, maxLines: 1, color: MUTED },
    { gap: 45, text: summary.holderName, weight: "bold", size: 32, minSize: 14, maxLines: 2, color: INK },
    { gap: 40, text: messages.completed, weight: "regular", size: 13, minSize: 10, maxLines: 1, color: MUTED },
    { gap: 35, text: summary.courseName, weight: "bold", size: 20, minSize: 12, maxLines: 2, color: INK },
    {
      gap: 35,
      text: messages.score(summary.score.toFixed(1), summary.passMark, summary.issuedAt.slice(0, 10)),
      weight: "regular",
      size: 13,
      minSize: 9,
      maxLines: 2,
      color: INK,
    },
    {
      gap: 23,
      text: messages.evidence(summary.evidence.length),
      weight: "regular",
      size: 11,
      minSize: 8,
      maxLines: 2,
      color: MUTED,
    },
  ];
  const footer = { heading: messages.verifyHeading, url: verifyUrl, note: messages.signedAs };

  const pdf = await PDFDocument.create();
  const textOf = (weight: FontWeight, extra: string[]) =>
    [...blocks.filter((block) => block.weight === weight).map((block) => block.text), ...extra, MISSING, ELLIPSIS].join(
      "",
    );
  const { regular, bold } = await embedCertificateFonts(pdf, {
    regular: textOf("regular", [footer.url, footer.note]),
    bold: textOf("bold", [footer.heading]),
  });
  pdf.setTitle(messages.documentTitle(summary.courseName));
  pdf.setAuthor(summary.issuerName);
  pdf.setLanguage(locale);
  pdf.setCreationDate(new Date(summary.issuedAt));
  const page = pdf.addPage(PAGE_SIZE);
  const { width, height } = page.getSize();

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 3 });
  drawCentredBlocks(page, { regular, bold }, blocks, height - 90);

  drawQrCode(page, verifyUrl, width - 190, 50, 130);
  drawText(page, bold, footer.heading, { x: MARGIN, y: 100, size: 11, color: INK });
  drawText(page, regular, footer.url, { x: MARGIN, y: 82, size: 10, color: ACCENT });
  drawText(page, regular, footer.note, { x: MARGIN, y: 64, size: 9, color: MUTED });
  return pdf.save();
}
