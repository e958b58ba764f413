/**
 * Word's and Outlook's HTML (a Word clipboard, a document saved as .htm) made structural before
 * the editor's schema reads it. Shared by the renderer's paste and core's HTML import, so both read
 * Word alike. Pure DOM walking: the caller parses (the browser's DOMParser, or happy-dom in core).
 *
 * Word writes a list as paragraphs, `<p class=MsoListParagraph style="mso-list:l0 level2 lfo1">`,
 * each starting with its bullet or number as text inside `<span style="mso-list:Ignore">` (itself
 * inside a conditional comment). Left alone, a pasted list becomes paragraphs that start with
 * "·" or "1.". Here each run of such paragraphs becomes nested `<ul>` / `<ol>` elements.
 */

/** The few DOM members used here, so the contract needs no DOM typings (it also compiles for Node). */
export interface OfficeElement {
  readonly tagName: string;
  readonly children: ArrayLike<OfficeElement>;
  readonly parentElement: OfficeElement | null;
  readonly firstChild: unknown;
  textContent: string | null;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  querySelectorAll(selector: string): ArrayLike<OfficeElement>;
  appendChild(node: unknown): unknown;
  insertBefore(node: unknown, before: unknown): unknown;
  remove(): void;
}
export interface OfficeDocument {
  readonly body: OfficeElement;
  createElement(tag: string): OfficeElement;
}

/** True for HTML that came from Word, Outlook or another Office program. */
export function isOfficeHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|class="?Mso|mso-list|<o:p>/i.test(html);
}

/** Removes Word's conditional blocks (list bullets drawn as text, VML fallbacks) and its empty `<o:p>` tags. */
export function stripOfficeMarkup(html: string): string {
  return html
    .replace(/<!--\[if !supportLists\]-->[\s\S]*?<!--\[endif\]-->/gi, '')
    .replace(/<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<!--\[if [^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if [^\]]*\]>[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<\/?o:p>/gi, '');
}

const LIST_STYLE = /mso-list:\s*l(\d+)\s+level(\d+)/i;
/** A number, letter or roman numeral followed by `.` or `)`: an ordered list's marker. */
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]/i;

interface ListParagraph {
  element: OfficeElement;
  level: number;
  ordered: boolean;
}

function listParagraph(element: OfficeElement): ListParagraph | undefined {
  if (element.tagName.toLowerCase() !== 'p') return undefined;
  const style = element.getAttribute('style') ?? '';
  const match = LIST_STYLE.exec(style);
  const className = element.getAttribute('class') ?? '';
  if (!match && !/MsoListParagraph/i.test(className)) return undefined;
  const ignore = Array.from(element.querySelectorAll('span')).find((s) => /mso-list:\s*Ignore/i.test(s.getAttribute('style') ?? ''));
  const marker = (ignore?.textContent ?? element.textContent ?? '').replace(/\u00a0/g, ' ').trim();
  ignore?.remove();
  return { element, level: match ? Math.max(1, Number(match[2])) : 1, ordered: ORDERED_MARKER.test(marker) };
}

/** Turns every run of Word list paragraphs under `doc.body` into real nested lists. */
export function normaliseOfficeLists(doc: OfficeDocument): void {
  const parents = new Set<OfficeElement>();
  for (const p of Array.from(doc.body.querySelectorAll('p'))) if (p.parentElement) parents.add(p.parentElement);
  for (const parent of parents) {
    const children = Array.from(parent.children);
    let i = 0;
    while (i < children.length) {
      const first = listParagraph(children[i]!);
      if (!first) {
        i++;
        continue;
      }
      const run: ListParagraph[] = [first];
      let j = i + 1;
      for (; j < children.length; j++) {
        const next = listParagraph(children[j]!);
        if (!next) break;
        run.push(next);
      }
      const root = buildList(doc, run);
      parent.insertBefore(root, first.element);
      for (const item of run) item.element.remove();
      i = j;
    }
  }
}

function buildList(doc: OfficeDocument, run: ListParagraph[]): OfficeElement {
  const baseLevel = Math.min(...run.map((r) => r.level));
  const root = doc.createElement(run[0]!.ordered ? 'ol' : 'ul');
  // stack[k] is the open list at depth k, and items[k] its last item.
  const stack: OfficeElement[] = [root];
  const items: Array<OfficeElement | undefined> = [undefined];
  for (const entry of run) {
    const depth = Math.max(0, entry.level - baseLevel);
    while (stack.length - 1 < depth) {
      const host = items[stack.length - 1] ?? appendItem(doc, stack[stack.length - 1]!, items, stack.length - 1);
      const nested = doc.createElement(entry.ordered ? 'ol' : 'ul');
      host.appendChild(nested);
      stack.push(nested);
      items.push(undefined);
    }
    while (stack.length - 1 > depth) {
      stack.pop();
      items.pop();
    }
    const li = appendItem(doc, stack[depth]!, items, depth);
    const p = doc.createElement('p');
    while (entry.element.firstChild) p.appendChild(entry.element.firstChild);
    li.appendChild(p);
  }
  return root;
}

function appendItem(doc: OfficeDocument, list: OfficeElement, items: Array<OfficeElement | undefined>, depth: number): OfficeElement {
  const li = doc.createElement('li');
  list.appendChild(li);
  items[depth] = li;
  return li;
}
