/**
 * One stylesheet for the HTML export, the print preview, printing and the PDF: A4, readable type,
 * tables with borders and repeated header rows, no question split across pages.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color-scheme: light; }
body { font-family: "Segoe UI", Arial, "Liberation Sans", sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
header.lectern-meta { border-bottom: 1px solid #888; margin-bottom: 6mm; padding-bottom: 2mm; font-size: 9.5pt; color: #333; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 6mm 0 2mm; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
a { color: #0b4f9c; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
th, td { border: 1px solid #555; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #e8e8e8; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
blockquote { border-left: 3px solid #888; margin: 2mm 0; padding: 0 0 0 4mm; color: #333; }
pre { background: #f3f3f3; padding: 2mm; white-space: pre-wrap; font-size: 9.5pt; }
ul.task { list-style: none; padding-left: 5mm; }
ul.task li::marker { content: none; }
.quiz { break-inside: avoid; margin: 3mm 0; }
.quiz ol.options { list-style: none; padding-left: 6mm; margin: 1mm 0; }
.quiz .correct { font-weight: bold; }
.quiz .answer { font-style: italic; }
hr { border: 0; border-top: 1px solid #888; margin: 6mm 0; }
section.ai-statement { break-before: page; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
`;
