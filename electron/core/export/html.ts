import type { Exporter, ExportDocument, ExportOptions } from './exporter';
import { enGB } from '../../contract/i18n/en-GB';
import { readDocument, type Block, type Run } from './model';
import { quizView } from './quizView';
import { statementBlocks } from './aiStatement';
import { PRINT_CSS } from './printCss';
import { headerLine } from './headerLine';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Images travel inside the page (data: URIs of raster types); anything else would reach out. */
const EMBEDDABLE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

function runsHtml(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      if (r.lineBreak) return '<br>';
      let html = escapeHtml(r.text);
      if (r.code) html = `<code>${html}</code>`;
      if (r.bold) html = `<strong>${html}</strong>`;
      if (r.italic) html = `<em>${html}</em>`;
      if (r.underline) html = `<u>${html}</u>`;
      if (r.strike) html = `<s>${html}</s>`;
      if (r.href) html = `<a href="${escapeHtml(r.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function blockHtml(b: Block, options: Pick<ExportOptions, 'version'>): string {
  const inner = (blocks: readonly Block[]) => blocks.map((c) => blockHtml(c, options)).join('');
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${runsHtml(b.runs)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${runsHtml(b.runs)}</p>`;
    case 'list': {
      if (b.style === 'task') {
        return `<ul class="task">${b.items.map((i) => `<li><span aria-hidden="true">${i.checked ? '☑' : '☐'}</span> <span class="visually-hidden">${i.checked ? enGB.exportFile.done : enGB.exportFile.notDone}</span>${inner(i.blocks)}</li>`).join('')}</ul>`;
      }
      const tag = b.style === 'ordered' ? 'ol' : 'ul';
      const start = b.style === 'ordered' && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag}${start}>${b.items.map((i) => `<li>${inner(i.blocks)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const headRows: string[] = [];
      const bodyRows: string[] = [];
      b.rows.forEach((row, i) => {
        const cells = row
          .map((c) => {
            const tag = c.header ? 'th' : 'td';
            const span = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
            const scope = c.header ? (i === 0 ? ' scope="col"' : ' scope="row"') : '';
            return `<${tag}${span}${scope}>${inner(c.blocks)}</${tag}>`;
          })
          .join('');
        (i === 0 && row.length > 0 && row.every((c) => c.header) ? headRows : bodyRows).push(`<tr>${cells}</tr>`);
      });
      return `<table>${headRows.length ? `<thead>${headRows.join('')}</thead>` : ''}<tbody>${bodyRows.join('')}</tbody></table>`;
    }
    case 'quote':
      return `<blockquote>${inner(b.blocks)}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
    case 'image':
      return EMBEDDABLE_IMAGE.test(b.src)
        ? `<p><img src="${b.src}" alt="${escapeHtml(b.alt)}" style="max-width:100%"></p>`
        : `<p>[${escapeHtml(b.alt || enGB.exportFile.image)}]</p>`;
    case 'quiz': {
      const v = quizView(b, options.version);
      const opts = v.options
        .map((o) => `<li${o.correct ? ' class="correct"' : ''}>${o.letter}. ${runsHtml(o.runs)}${o.correct ? ` <span aria-label="${enGB.exportFile.correct}">✓</span>` : ''}</li>`)
        .join('');
      const answer = v.answer ? `<p class="answer">${escapeHtml(v.answer)}${v.feedback.length ? ` — ${runsHtml(v.feedback)}` : ''}</p>` : '';
      return `<div class="quiz"><p><strong>${v.label}</strong> ${runsHtml(v.prompt)}</p>${opts ? `<ol class="options" type="A">${opts}</ol>` : ''}${answer}</div>`;
    }
  }
}

/** The body's HTML: the document, then the statement in a section of its own (its own page in print). */
export function bodyHtml(doc: ExportDocument, options: Pick<ExportOptions, 'version' | 'statement'>): string {
  const main = readDocument(doc.content).map((b) => blockHtml(b, options)).join('\n');
  const statement = options.statement ? `<section class="ai-statement">${statementBlocks(options.statement).slice(1).map((b) => blockHtml(b, options)).join('\n')}</section>` : '';
  return `${main}\n${statement}`;
}

/** A whole page with its stylesheet inside: opens anywhere, fetches nothing. */
export function pageHtml(doc: ExportDocument, options: Pick<ExportOptions, 'version' | 'statement' | 'author'>): string {
  const title = escapeHtml(doc.title || enGB.exportFile.untitled);
  const meta = headerLine(doc, options.version);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${options.author ? `<meta name="author" content="${escapeHtml(options.author)}">` : ''}
<meta name="generator" content="Lectern">
<style>${PRINT_CSS}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style>
</head>
<body>
<header class="lectern-meta">${escapeHtml(meta)}</header>
<main>
${bodyHtml(doc, options)}
</main>
</body>
</html>
`;
}

export const htmlExporter: Exporter = async (doc, options) => new TextEncoder().encode(pageHtml(doc, options));
