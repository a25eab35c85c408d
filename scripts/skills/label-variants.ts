/** Software vendors whose name is dropped to give a second variant: "Microsoft Excel" → also "Excel". */
const VENDORS = new Set(['microsoft', 'adobe', 'google', 'autodesk', 'oracle', 'ibm', 'apple', 'logiciel', 'progiciel']);
const DATED_SUFFIX = /\s+-\s+(?:Depuis|Avant|Jusqu)\b.*$/iu;
const BRACKETS = /\(([^)]*)\)|\[([^\]]*)\]/gu;
const LIST_SEPARATORS = /\s*(?:[,;/]|\bet\b|\bou\b|\band\b|\bor\b)\s*/iu;

/**
 * The surface forms a taxonomy label is matched under: the label without its brackets, the label without a
 * leading vendor name and, for savoirs (`withNames`), the names listed in its brackets or after a colon when
 * they look like names (HACCP, Excel, CACES R 489). A compétence "Gérer des bases de données (SQL/NoSQL)"
 * is not said by saying "SQL".
 */
export function labelVariants(label: string, withNames: boolean): string[] {
  const undated = label.replace(DATED_SUFFIX, '');
  const bracketed = [...undated.matchAll(BRACKETS)].map((m) => m[1] ?? m[2] ?? '');
  const main = undated.replace(BRACKETS, ' ').replace(/\s+/gu, ' ').trim();
  const [head = '', tail] = main.split(/\s:\s/u, 2);
  const variants = [main.replace(/\s:\s/u, ' '), ...withoutVendor(main)];
  if (withNames) for (const list of [...bracketed, tail ?? '']) variants.push(...listedNames(list));
  if (tail !== undefined) variants.push(head);
  return [...new Set(variants.map((v) => v.trim()).filter((v) => v.length > 1))];
}

/** « Logiciel Sage » → « Sage »; not « Logiciel de gestion clients », a kind of software, not an activity. */
function withoutVendor(label: string): string[] {
  const [first = '', ...rest] = label.split(' ');
  if (/^(?:de|des|du|d['’].*)$/iu.test(rest[0] ?? '')) return [];
  return VENDORS.has(first.toLowerCase()) && rest.length > 0 ? [rest.join(' ')] : [];
}

function listedNames(list: string): string[] {
  return list
    .split(LIST_SEPARATORS)
    .map((item) => item.replace(/\.{2,}|…/gu, '').trim())
    .filter((item) => /^[\p{Lu}\d]/u.test(item) && item.length <= 40 && !/^etc\b/iu.test(item));
}
