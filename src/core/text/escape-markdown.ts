/**
 * The one escaping of user text for Markdown, used wherever what a person typed is shown where Markdown is rendered:
 * the synthesis document, and every Adaptive Card (chat and counsellor channel), whose TextBlocks and FactSets
 * render Markdown in Teams. An answer can then add no link, emphasis, heading, list or HTML.
 */

/** Characters that start Markdown syntax anywhere in a line (emphasis, code, links, HTML, headings, tables, entities). */
const INLINE_SPECIALS = /[\\`*_[\]<>#|~&!@]/g;

/**
 * Makes text literal in CommonMark/GFM: backslash-escapes inline syntax, breaks bare autolinks (`://`, `www.`),
 * escapes block markers at line starts (`-`, `+`, `=`, `1.`), and keeps line breaks as hard breaks inside a list item.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) =>
      l
        .replace(INLINE_SPECIALS, (c) => `\\${c}`)
        .replace(/:\/\//g, ':\\/\\/')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\\\n  ');
}
