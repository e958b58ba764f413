/**
 * The Content-Security-Policy sent with every HTML page of the built renderer. Inline styles are
 * allowed because TipTap and ProseMirror set `style` attributes on nodes (table column widths,
 * resize handles); inline and remote scripts are not. Nothing may be fetched from the network:
 * AI requests are made by core in the main process, never by the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
