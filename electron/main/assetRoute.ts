/**
 * The images route: `app://lectern/asset/<id>` in the app, `/asset/<id>` in the web harness, so the
 * renderer loads images from its own origin (CSP img-src 'self') and never from file://. `<id>` is
 * the image's sha256 (core/assets/assetStore.ts); anything else under /asset/ is Not Found, and the
 * path is matched as it arrives, never decoded, so it can never name a file.
 */

/** Reads a stored image (core's AssetStore.get); undefined when there is none or no library is open. */
export type AssetReader = (id: string) => { mime: string; bytes: Uint8Array } | undefined;

const ASSET_PATH = /^\/asset\/([0-9a-f]{64})$/;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** 'none' for a path outside the route, 'invalid' for one inside it that is no image id, else the id. */
export function assetIdFromPath(pathname: string): string | 'none' | 'invalid' {
  if (pathname !== '/asset' && !pathname.startsWith('/asset/')) return 'none';
  return ASSET_PATH.exec(pathname)?.[1] ?? 'invalid';
}

/**
 * The response headers for a stored image. An id names its bytes for ever, so it may be cached
 * as immutable; the type is only ever one of the four raster types the store writes, and the image
 * is sandboxed should anything ever open it as a page.
 */
export function assetHeaders(mime: string, byteLength: number): Record<string, string> | undefined {
  if (!IMAGE_TYPES.has(mime)) return undefined;
  return {
    'Content-Type': mime,
    'Content-Length': String(byteLength),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
