import { z } from 'zod';
import { method } from '../method';

/** An image's id: the sha256 (hex) of its stored bytes (core/assets/assetStore.ts). */
export const AssetIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be an image id (64 hexadecimal digits)');

/** 25 MB of image, base64-encoded (4 characters per 3 bytes), rounded up. */
const MAX_BASE64_LENGTH = Math.ceil((25 * 1024 * 1024) / 3) * 4;

export const AssetInfoSchema = z.object({
  id: AssetIdSchema,
  mime: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  byteSize: z.number().int().nonnegative(),
  fileName: z.string().nullable(),
  createdAt: z.number().int().nonnegative(),
});
export type AssetInfo = z.infer<typeof AssetInfoSchema>;

/** The path the renderer loads an image from, on its own origin: app://lectern/asset/<id> in the app, /asset/<id> in the harness. */
export const assetPath = (id: string): string => `/asset/${id}`;

export const assetsContract = {
  put: method(
    'Store an image (PNG, JPEG, GIF, WebP or SVG, at most 25 MB) and return its id. The format is read from the bytes, never from the name or the claimed type; the same image is stored once; SVG is rendered to PNG; images larger than 2560 px on their longest side are downscaled. Load it from /asset/<id>.',
    z
      .object({
        /** The file's bytes, base64-encoded (so the same call works over IPC and the harness's JSON). */
        data: z.string().min(1).max(MAX_BASE64_LENGTH).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
        fileName: z.string().max(255).optional(),
        mime: z.string().max(100).optional(),
      })
      .strict(),
    AssetInfoSchema.extend({ deduplicated: z.boolean() }),
  ),
  info: method('Describe a stored image.', z.object({ id: AssetIdSchema }).strict(), AssetInfoSchema),
};
