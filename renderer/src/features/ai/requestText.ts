import { format, strings } from '../../i18n';

/**
 * The readable parts of a request body (Responses `instructions`/`input` or chat `messages`), so a
 * teacher can read what goes out without reading JSON. The full JSON is shown beside it.
 */
export function requestText(body: Record<string, unknown>): Array<{ label: string; text: string }> {
  const parts: Array<{ label: string; text: string }> = [];
  if (typeof body.instructions === 'string') parts.push({ label: strings.ai.previewInstructions, text: body.instructions });
  const messages = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  let n = 0;
  for (const message of messages as Array<{ role?: unknown; content?: unknown }>) {
    const content = message?.content;
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? content.map((c: { text?: unknown }) => (typeof c?.text === 'string' ? c.text : '')).join('\n')
          : '';
    if (!text) continue;
    if (message.role === 'system' || message.role === 'developer') parts.push({ label: strings.ai.previewInstructions, text });
    else parts.push({ label: format(strings.ai.previewMessage, { n: ++n }), text });
  }
  return parts;
}
