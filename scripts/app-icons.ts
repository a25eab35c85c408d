/**
 * Draws the two Teams app icons, deterministically, with no image library:
 *
 *   npx tsx scripts/app-icons.ts      # rewrites appPackage/color.png and appPackage/outline.png
 *
 * The symbol is a compass (a ring and a needle pointing north-east): orientation, the point of a bilan.
 * - color.png, 192×192: white compass on the app's accent colour, the needle's tail in a warm orange;
 *   the symbol stays inside the central 120 px that Teams never crops.
 * - outline.png, 32×32: the same compass in white on a transparent background, as Teams requires.
 *
 * Shapes are sampled 4×4 times per pixel (anti-aliasing) with plain arithmetic (no trigonometry), so the
 * pixels are the same on every machine; the PNG encoder below writes 8-bit RGBA with zlib from node:zlib.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export type Rgba = readonly [number, number, number, number];

/** An image as 8-bit RGBA rows, top to bottom. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** `appPackage/manifest.json`'s accentColor (#3B5BA5): the colour icon's background. */
export const ACCENT: Rgba = [0x3b, 0x5b, 0xa5, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const ORANGE: Rgba = [0xf2, 0xa5, 0x41, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** Paints a sample at (x, y), in units of the icon's size (0..1, y downwards); returns undefined for the background. */
type Painter = (x: number, y: number) => Rgba | undefined;

interface CompassStyle {
  readonly ringOuter: number;
  readonly ringInner: number;
  readonly needleLength: number;
  readonly needleHalfWidth: number;
  readonly tip: Rgba;
  readonly tail: Rgba;
  readonly ring: Rgba;
  /** A small dot at the pivot, or none. */
  readonly pivot?: { readonly radius: number; readonly colour: Rgba };
}

/** The compass, centred, its needle on the north-east diagonal. */
function compass(style: CompassStyle): Painter {
  return (x, y) => {
    const dx = x - 0.5;
    const dy = y - 0.5;
    const distance = Math.hypot(dx, dy);
    if (style.pivot && distance <= style.pivot.radius) return style.pivot.colour;
    // Needle frame: u along the needle (positive towards the north-east tip), v across it.
    const u = (dx - dy) * Math.SQRT1_2;
    const v = (dx + dy) * Math.SQRT1_2;
    if (Math.abs(u) / style.needleLength + Math.abs(v) / style.needleHalfWidth <= 1) return u >= 0 ? style.tip : style.tail;
    if (distance <= style.ringOuter && distance >= style.ringInner) return style.ring;
    return undefined;
  };
}

/** Renders a painter over a background, averaging `samples`² points per pixel (premultiplied, rounded). */
export function render(size: number, paint: Painter, background: Rgba, samples = 4): Raster {
  const rgba = new Uint8Array(size * size * 4);
  const count = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) ?? background;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        rgba[at] = Math.round(r / a);
        rgba[at + 1] = Math.round(g / a);
        rgba[at + 2] = Math.round(b / a);
      }
      rgba[at + 3] = Math.round((a / count) * 255);
    }
  }
  return { width: size, height: size, rgba };
}

/** The 192×192 full-colour icon. */
export function colorIcon(): Raster {
  const painter = compass({
    ringOuter: 0.3,
    ringInner: 0.255,
    needleLength: 0.235,
    needleHalfWidth: 0.075,
    tip: WHITE,
    tail: ORANGE,
    ring: WHITE,
    pivot: { radius: 0.022, colour: ACCENT },
  });
  return render(192, painter, ACCENT);
}

/** The 32×32 outline icon: white on transparent only. */
export function outlineIcon(): Raster {
  const painter = compass({
    ringOuter: 0.45,
    ringInner: 0.36,
    needleLength: 0.3,
    needleHalfWidth: 0.11,
    tip: WHITE,
    tail: WHITE,
    ring: WHITE,
  });
  return render(32, painter, TRANSPARENT);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes 8-bit RGBA as PNG (no filtering, zlib level 9). */
export function encodePng({ width, height, rgba }: Raster): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  const stride = width * 4;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) scanlines.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icons as the manifest names them, relative to appPackage/. */
export const ICONS = { 'color.png': colorIcon, 'outline.png': outlineIcon } as const;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const appPackage = resolve(import.meta.dirname, '..', 'appPackage');
  for (const [file, draw] of Object.entries(ICONS)) {
    const raster = draw();
    writeFileSync(resolve(appPackage, file), encodePng(raster));
    process.stdout.write(`appPackage/${file}: ${raster.width}×${raster.height}\n`);
  }
}
