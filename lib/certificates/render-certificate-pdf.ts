// The printable certificate: one A4 landscape page with the holder, course, score and date, and a
// QR code of the verify URL, because paper cannot prove itself; the verify page can.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import type { CredentialSummary } from "./credential-schema";

const INK = rgb(0.11, 0.13, 0.2);
const MUTED = rgb(0.38, 0.4, 0.47);
const ACCENT = rgb(0.2, 0.36, 0.85);

/** The standard PDF fonts cover Latin-1; other characters become "?" rather than breaking the file. */
function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text].map((char) => (supported.has(char.codePointAt(0) ?? -1) ? char : "?")).join("");
}

function centered(page: PDFPage, font: PDFFont, text: string, y: number, size: number, color = INK): void {
  const safe = encodable(font, text);
  let fitted = size;
  while (fitted > 8 && font.widthOfTextAtSize(safe, fitted) > page.getWidth() - 120) fitted -= 1;
  page.drawText(safe, {
    x: (page.getWidth() - font.widthOfTextAtSize(safe, fitted)) / 2,
    y,
    size: fitted,
    font,
    color,
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

export async function renderCertificatePdf(summary: CredentialSummary, verifyUrl: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  pdf.setTitle(`${summary.courseName}: certificate`);
  pdf.setAuthor(summary.issuerName);
  pdf.setCreationDate(new Date(summary.issuedAt));
  const page = pdf.addPage([841.89, 595.28]);
  const { width, height } = page.getSize();

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 3 });
  centered(page, bold, summary.issuerName.toUpperCase(), height - 90, 16, ACCENT);
  centered(page, regular, "Certificate of completion", height - 140, 30);
  centered(page, regular, "This certifies that", height - 190, 13, MUTED);
  centered(page, bold, summary.holderName, height - 235, 32);
  centered(page, regular, "has completed the course", height - 275, 13, MUTED);
  centered(page, bold, summary.courseName, height - 310, 20);
  centered(
    page,
    regular,
    `Final score ${summary.score.toFixed(1)}% (pass mark ${summary.passMark}%) ` +
      `· issued ${summary.issuedAt.slice(0, 10)}`,
    height - 345,
    13,
  );
  centered(
    page,
    regular,
    `${summary.evidence.length} graded lab${summary.evidence.length === 1 ? "" : "s"} on record, ` +
      `each with its code and data fingerprints.`,
    height - 368,
    11,
    MUTED,
  );

  drawQrCode(page, verifyUrl, width - 190, 50, 130);
  page.drawText("Verify this certificate:", { x: 60, y: 100, size: 11, font: bold, color: INK });
  page.drawText(encodable(regular, verifyUrl), { x: 60, y: 82, size: 10, font: regular, color: ACCENT });
  page.drawText("Signed as an Open Badges 3.0 credential; the page checks the signature and revocation.", {
    x: 60,
    y: 64,
    size: 9,
    font: regular,
    color: MUTED,
  });
  return pdf.save();
}
