/** RIASEC letters in Holland's order, used to break ties. */
const RIASEC = ['r', 'i', 'a', 's', 'e', 'c'] as const;

export interface HollandResult {
  /** The three strongest letters, upper case, strongest first (fewer when fewer were chosen). */
  readonly holland: string;
  readonly scores: Record<string, number>;
}

/**
 * Scores chosen activities whose values start with a RIASEC letter (`s_help_people` → S).
 * Returns undefined when nothing was chosen: no code is better than a made-up one.
 */
export function hollandCodeOf(values: readonly string[]): HollandResult | undefined {
  const scores: Record<string, number> = {};
  for (const value of values) {
    const letter = value.charAt(0);
    if (value.charAt(1) === '_' && (RIASEC as readonly string[]).includes(letter)) scores[letter.toUpperCase()] = (scores[letter.toUpperCase()] ?? 0) + 1;
  }
  const ranked = RIASEC.map((l) => l.toUpperCase())
    .filter((l) => (scores[l] ?? 0) > 0)
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  return ranked.length === 0 ? undefined : { holland: ranked.slice(0, 3).join(''), scores };
}
