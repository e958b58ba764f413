/** A4 portrait with these margins, in millimetres; page numbers in the footer. */
export interface PdfPageSetup {
  marginTopMm: number;
  marginBottomMm: number;
  marginSideMm: number;
  /** Shown at the foot of every page beside the page number. Plain text. */
  footerText: string;
}

/**
 * Turns a self-contained HTML page into a PDF, and (where there is a screen) opens the system's
 * print dialog for one. Injected: Electron's `webContents.printToPDF` / `print` in a hidden window
 * in the app (electron/main/printer.ts), Chromium's `Page.printToPDF` over CDP in the web harness
 * and tests (test/harness/chromiumPrinter.ts). Core never picks one.
 */
export interface PdfPrinter {
  printToPdf(html: string, setup: PdfPageSetup): Promise<Uint8Array>;
  /** Resolves true when the page went to the print dialog, false when the teacher cancelled. */
  print(html: string): Promise<boolean>;
}
