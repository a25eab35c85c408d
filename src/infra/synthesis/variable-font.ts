/**
 * A slice of a variable WOFF2 font (`@fontsource-variable/*`) printed by pdfkit at a chosen weight. fontkit 2.0.4, which
 * pdfkit embeds fonts with, does not get there alone: its WOFF2 glyphs skip the weight variation (they print Thin, the
 * default of Noto Sans SC/KR), `getVariation` cannot read a WOFF2 file, reading a composite glyph (a letter and its
 * mark, in Thai or Devanagari) at a weight throws, its subset copies a composite glyph as a WOFF2 file does not store
 * it, and it crashes encoding a varied glyph (fontkit issue #308). So the glyph outlines are varied here when fontkit
 * first decodes them, composite glyphs are made simple, and the subset encodes them with `encodeGlyph`. Only what is
 * used of fontkit's internals is declared below.
 */

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
  endContour: boolean;
  copy(): Point;
}

interface Component {
  readonly dx: number;
  readonly dy: number;
}

interface DecodedGlyph {
  readonly numberOfContours: number;
  readonly points?: Point[];
  readonly components?: Component[] | undefined;
}

interface Glyph {
  _decode(): DecodedGlyph | null | undefined;
  _getContours(): Point[][];
}

/** A point for fontkit's variation processor, which copies and moves points. */
class FreePoint implements Point {
  constructor(
    public x = 0,
    public y = 0,
    public onCurve = false,
    public endContour = true,
  ) {}

  copy(): Point {
    return new FreePoint(this.x, this.y, this.onCurve, this.endContour);
  }
}

interface PathCommand {
  readonly command: string;
  readonly args: readonly number[];
}

/** The fontkit font of a WOFF2 file: public API plus the internals this file goes through. */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  variationCoords: number[] | null;
  readonly _glyphs: Record<number, Glyph | undefined>;
  _getBaseGlyph(id: number, codePoints?: number[]): Glyph | null | undefined;
  readonly _variationProcessor: { transformPoints(id: number, points: Point[]): void } | null;
  readonly variationAxes: Record<string, { readonly default: number }>;
  _transformGlyfTable?(): void;
  _transformedGlyphs?: unknown[];
  _decompressed?: boolean;
  _tables: Record<string, unknown>;
  directory: { readonly tables: Record<string, unknown> };
  stream: { readonly buffer: Uint8Array };
  createSubset(): { glyphEncoder: { encodeSimple(path: { readonly commands: readonly PathCommand[] }): Uint8Array } };
}

const unpacked = new WeakMap<Uint8Array, FontkitFont>();

/**
 * A fontkit font of a WOFF2 file, for one document. Unpacking the file (brotli, then the glyph table) takes most of
 * the time of a slice, and is done once per process: every font of the same file shares the unpacked tables and
 * glyphs (fontkit's own `getVariation` shares tables too), but keeps its own glyph objects.
 */
export function openWoff2(create: (data: Uint8Array) => FontkitFont, data: Uint8Array): FontkitFont {
  let template = unpacked.get(data);
  if (!template) {
    template = create(data);
    decodeUnvaried(template);
    unpacked.set(data, template);
  }
  const font = create(data);
  const Stream = template.stream.constructor as new (buffer: Uint8Array) => FontkitFont['stream'];
  Object.assign(font, { directory: template.directory, stream: new Stream(template.stream.buffer), _decompressed: true, _tables: template._tables, _transformedGlyphs: template._transformedGlyphs });
  return font;
}

/** Sets the weight axis of `font` (a variable WOFF2 with an HVAR table, read before any glyph) and names it `name`. */
export function atWeight(font: FontkitFont, weight: number, name: string): FontkitFont {
  if (!font.directory.tables.HVAR) throw new Error(`${font.postscriptName}: a variable font with an HVAR table is expected`);
  decodeUnvaried(font);
  font.variationCoords = Object.entries(font.variationAxes).map(([axis, range]) => (axis === 'wght' ? weight : range.default));
  Object.defineProperty(font, 'postscriptName', { value: name });
  const baseGlyph = font._getBaseGlyph.bind(font);
  font._getBaseGlyph = (id, codePoints) => {
    const fresh = font._glyphs[id] === undefined;
    const glyph = baseGlyph(id, codePoints);
    if (fresh && glyph) varyOutline(font, id, glyph);
    return glyph;
  };
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    subset.glyphEncoder = { encodeSimple: encodeGlyph };
    return subset;
  };
  return font;
}

/**
 * Has fontkit decode the WOFF2 glyph table while the font has no variation yet: read at a weight, a composite glyph
 * throws. fontkit keeps the variation processor it first computes, so it is hidden meanwhile.
 */
function decodeUnvaried(font: FontkitFont): void {
  if (!font._transformGlyfTable || font._transformedGlyphs) return;
  Object.defineProperty(font, '_variationProcessor', { value: null, configurable: true });
  font._transformGlyfTable();
  delete (font as { _variationProcessor?: unknown })._variationProcessor;
}

/**
 * Gives `font` the ascent, descent and line gap of `reference` (in proportion to the em): pdfkit places each stretch of
 * text on a line by its font's ascent and spaces lines by the current font's, so a Noto slice (taller) would otherwise
 * sit lower than the DejaVu text beside it and push lines apart.
 */
export function withMetricsOf(font: FontkitFont, reference: FontkitFont): FontkitFont {
  const scale = font.unitsPerEm / reference.unitsPerEm;
  for (const key of ['ascent', 'descent', 'lineGap'] as const) Object.defineProperty(font, key, { value: reference[key] * scale });
  return font;
}

/** The glyph's points moved to the font's weight; gvar also moves 4 phantom points, left out (HVAR gives the widths). */
function varyOutline(font: FontkitFont, id: number, glyph: Glyph): void {
  const decoded = glyph._decode();
  if (decoded?.components) return flatten(font, id, glyph, decoded, decoded.components);
  if (!decoded?.points) return;
  const varied = { ...decoded, points: decoded.points.map((p) => p.copy()) };
  font._variationProcessor?.transformPoints(id, [...varied.points, ...phantomPoints()]);
  glyph._decode = () => varied;
}

/** A composite glyph as a simple one: its components (varied when read) placed at their varied offsets. */
function flatten(font: FontkitFont, id: number, glyph: Glyph, decoded: DecodedGlyph, components: Component[]): void {
  const offsets = components.map((c) => new FreePoint(c.dx, c.dy, true, true));
  font._variationProcessor?.transformPoints(id, [...offsets, ...phantomPoints()]);
  const placed = components.map((c, i) => Object.assign(Object.create(Object.getPrototypeOf(c) as object) as Component, c, { dx: offsets[i]?.x ?? c.dx, dy: offsets[i]?.y ?? c.dy }));
  glyph._decode = () => ({ ...decoded, components: placed });
  const points = glyph._getContours().flat();
  const simple = { ...decoded, components: undefined, numberOfContours: points.filter((p) => p.endContour).length, points };
  glyph._decode = () => simple;
}

function phantomPoints(): Point[] {
  return [0, 1, 2, 3].map(() => new FreePoint());
}

const ON_CURVE = 1;

/** A TrueType simple glyph (`glyf` entry) from an outline of lines and quadratic curves, coordinates rounded. */
export function encodeGlyph(path: { readonly commands: readonly PathCommand[] }): Uint8Array {
  const points: { x: number; y: number; on: boolean }[] = [];
  const ends: number[] = [];
  const close = () => {
    if (points.length > 0 && ends.at(-1) !== points.length - 1) ends.push(points.length - 1);
  };
  for (const { command, args } of path.commands) {
    const [a = 0, b = 0, c = 0, d = 0] = args.map(Math.round);
    if (command === 'moveTo') close();
    if (command === 'moveTo' || command === 'lineTo') points.push({ x: a, y: b, on: true });
    else if (command === 'quadraticCurveTo') points.push({ x: a, y: b, on: false }, { x: c, y: d, on: true });
    else if (command === 'closePath') close();
    else throw new Error(`unexpected ${command} in a TrueType outline`);
  }
  close();
  if (points.length === 0) return new Uint8Array(0);
  const size = 12 + 2 * ends.length + 5 * points.length;
  const bytes = new Uint8Array(size + ((4 - (size % 4)) % 4));
  const view = new DataView(bytes.buffer);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  [ends.length, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => view.setInt16(2 * i, v));
  let at = 10;
  for (const end of ends) at = put(view, at, end);
  at = put(view, at, 0);
  for (const p of points) bytes[at++] = p.on ? ON_CURVE : 0;
  for (const values of [xs, ys]) values.forEach((v, i) => (at = put(view, at, v - (values[i - 1] ?? 0))));
  return bytes;
}

function put(view: DataView, at: number, value: number): number {
  view.setInt16(at, value);
  return at + 2;
}
