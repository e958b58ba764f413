/** Width and height of a PNG or JPEG from its header, so a picture keeps its proportions in Word and PowerPoint. */
export interface ImageInfo {
  type: 'png' | 'jpg';
  data: Uint8Array;
  width: number;
  height: number;
}

const DATA_URI = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/;

export function decodeImage(src: string): ImageInfo | undefined {
  const m = DATA_URI.exec(src);
  if (!m) return undefined;
  const data = new Uint8Array(Buffer.from(m[2]!, 'base64'));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (m[1] === 'png') {
    if (data.length < 24 || view.getUint32(12) !== 0x49484452) return undefined;
    return { type: 'png', data, width: view.getUint32(16), height: view.getUint32(20) };
  }
  // JPEG: walk the segments to the first start-of-frame marker, which holds the size.
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return undefined;
    const marker = data[at + 1]!;
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { type: 'jpg', data, height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

/** Fits an image inside a box (in pixels), never enlarging it. */
export function fit(info: Pick<ImageInfo, 'width' | 'height'>, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / info.width, maxHeight / info.height);
  return { width: Math.max(1, Math.round(info.width * scale)), height: Math.max(1, Math.round(info.height * scale)) };
}
