// The `barcode` of a Secret answer (spec: other-frontends.md §3): the QR code of the otpauth:// URL as a
// JPEG (qrcode gives the module matrix, jpeg-js encodes it), base64. Quality 90 keeps module edges sharp
// enough for phone cameras and jsQR; 6 pixels a module and a 4-module quiet zone, as the QR spec asks.
import QRCode from 'qrcode';
import jpeg from 'jpeg-js';

const SCALE = 6;
const QUIET_ZONE = 4;
const QUALITY = 90;

/** RGBA pixels of the QR code: black modules on white. */
function bitmap(text: string): { width: number; height: number; data: Buffer } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * QUIET_ZONE) * SCALE;
  const data = Buffer.alloc(side * side * 4, 0xff);
  for (let y = 0; y < side; y++) {
    const row = Math.floor(y / SCALE) - QUIET_ZONE;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / SCALE) - QUIET_ZONE;
      const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && Boolean(modules.get(row, col));
      if (dark) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { width: side, height: side, data };
}

/** The QR code of `text` as a base64-encoded JPEG. */
export function qrJpegBase64(text: string): string {
  return jpeg.encode(bitmap(text), QUALITY).data.toString('base64');
}
