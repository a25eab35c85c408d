import { SYNTHESIS_NS } from '../../core/synthesis/synthesis.js';
import type { Translate } from '../i18n/create-i18n.js';
import { fill, type SynthesisTemplate } from './template.js';

/**
 * `t` extended with the synthesis' own labels (`synthesis:…` keys live in locales/<locale>/synthesis.md, not in the
 * JSON namespaces i18next loads). In cimode `t` already answers with the key itself, which is kept.
 */
export function withSynthesisLabels(t: Translate, template: SynthesisTemplate): Translate {
  const prefix = `${SYNTHESIS_NS}:`;
  const translate: Translate = (ref) => {
    const out = t(ref);
    if (!ref.key.startsWith(prefix) || out !== ref.key.slice(prefix.length)) return out;
    const text = template.strings.get(ref.key.slice(prefix.length));
    if (text === undefined) return out;
    const params = Object.fromEntries(Object.entries(ref.params ?? {}).map(([name, value]) => [name, typeof value === 'object' ? translate(value) : value]));
    return fill(text, params);
  };
  return translate;
}
