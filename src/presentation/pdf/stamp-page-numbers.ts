import { rgb, StandardFonts, type PDFDocument } from 'pdf-lib';
import { pageGeometry } from '../styles';

const mm = 72 / 25.4;

/**
 * Writes "Page X of Y" at the bottom right of every page, where the CSS page-number box sits in
 * documents printed in one piece. Helvetica is a PDF standard font (nothing to embed), so the label
 * must stay within Latin-1, which English and Portuguese labels do.
 */
export async function stampPageNumbers(doc: PDFDocument, label: (page: number, pages: number) => string): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  const size = 7;
  const colour = rgb(0x64 / 255, 0x74 / 255, 0x8b / 255);
  pages.forEach((page, index) => {
    const text = label(index + 1, pages.length);
    const { width } = page.getSize();
    const x = width - pageGeometry.marginSideMm * mm - font.widthOfTextAtSize(text, size);
    // Vertically centred in the bottom margin, like a CSS margin box.
    const y = (pageGeometry.marginBottomMm * mm) / 2 - size * 0.35;
    page.drawText(text, { x, y, size, font, color: colour });
  });
}
