import { AppError } from '../errors';
import type { Handlers } from '../rpc/dispatch';
import type { AssetStore } from './assetStore';

/** The contract methods served by the image store. */
export function assetHandlers(assets: AssetStore, assertWritable: () => void): Pick<Handlers, 'assets.put' | 'assets.info'> {
  return {
    'assets.put': async (input) => {
      assertWritable();
      const bytes = Buffer.from(input.data, 'base64');
      return assets.put(bytes, { fileName: input.fileName, mime: input.mime });
    },
    'assets.info': (input) => {
      const info = assets.info(input.id);
      if (!info) throw new AppError('NOT_FOUND', `No image with id ${input.id} is in the library.`);
      return info;
    },
  };
}
