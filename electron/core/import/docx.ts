import mammoth from 'mammoth';
import { IMPORT_CAPS, type TipTapDoc } from '../../contract';
import { countMedia, inspectDocx } from './docxInspect';
import { htmlToDoc } from './htmlToDoc';
import type { ImportContext } from './importContext';
import { ImportFailure } from './importFailure';
import { readZipDirectory, verifyEntries } from './zipGuard';

/**
 * Word's underline is not in mammoth's default style map (it is presentational in Word's model),
 * but teachers use it for emphasis and the editor has it; strikethrough likewise.
 */
const STYLE_MAP = ['u => u', 'strike => s', "p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * A Word document (.docx or macro-enabled .docm) → TipTap JSON. The zip is checked against the caps
 * and every entry expanded once under them before mammoth sees it; what mammoth drops or moves is
 * read from the XML and listed. Macros are never run: only the text of a .docm comes in.
 */
export async function docxToDoc(bytes: Uint8Array, ctx: ImportContext, caps = IMPORT_CAPS): Promise<{ doc: TipTapDoc; title: string | undefined }> {
  const entries = readZipDirectory(bytes, caps);
  if (!entries.has('word/document.xml')) {
    const what = entries.has('xl/workbook.xml') ? 'an Excel workbook' : entries.has('ppt/presentation.xml') ? 'a PowerPoint presentation' : entries.has('content.xml') ? 'an OpenDocument file' : 'a zip archive';
    throw new ImportFailure('NOT_SUPPORTED', `${ctx.fileName} is ${what}, not a Word document (.docx).`);
  }
  const images = countMedia(entries);
  if (images > caps.maxImages) throw new ImportFailure('TOO_MANY_IMAGES', `${ctx.fileName} holds ${images} images; at most ${caps.maxImages} are imported from one document.`);
  verifyEntries(bytes, entries);
  const { notImported } = inspectDocx(bytes, entries);
  ctx.addAll(notImported);

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const id = await ctx.putImage(await image.readAsBuffer(), { mime: image.contentType });
          // An image that could not be stored is listed by putImage; an empty src is dropped later.
          return { src: id ? `/asset/${id}` : '' };
        }),
      },
    );
  } catch (error) {
    throw new ImportFailure('DAMAGED', `${ctx.fileName} could not be read as a Word document: ${(error as Error).message}`);
  }
  for (const message of result.messages) {
    if (/could not find image|external/i.test(message.message)) ctx.notImported('image', 1, message.message.slice(0, 200));
  }
  return htmlToDoc(result.value, ctx);
}
