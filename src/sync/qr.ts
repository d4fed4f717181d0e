// A QR code as one SVG path, so the Sync screen draws it with React elements and no innerHTML.
import qrcode from 'qrcode-generator';

/** Scanners need a light border of four modules around the code (the QR standard's quiet zone). */
const QUIET_ZONE = 4;

/**
 * The code for `text` as `{ size, path }`: draw `<svg viewBox={`0 0 ${size} ${size}`}><path d={path}/></svg>`
 * on a light background. Error correction M (15%) keeps a ~200-character link small enough to scan
 * from a phone screen; dark modules of a row are merged into runs to keep the path short.
 */
export function qrSvgPath(text: string): { size: number; path: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.isDark(row, col)) col++;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: count + 2 * QUIET_ZONE, path: parts.join('') };
}
