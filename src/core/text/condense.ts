/** Longest text a condensed part keeps; the full words stay in the record and the export. */
export const CONDENSED_CHARS = 180;

/** The first sentence of a text, cut at a word boundary with "…" when still too long. */
export function condense(text: string, max = CONDENSED_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = /^.+?[.!?…](?=\s|$)/u.exec(flat)?.[0] ?? flat;
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
