/**
 * PDF rendering time of a typical synthesis: `npm run bench:pdf`.
 *
 * Three A5 pages of Markdown shaped as renderSynthesisMarkdown writes them (title, notice, eight sections of labelled
 * items), in Latin letters only, then with names and words in Chinese, Japanese and Korean, then in Arabic and Hebrew.
 * "first" is the first PDF of the process for that text (pdfkit and fontkit imported, font files read), "median" the
 * median of the next ROUNDS. Ends with one `BENCH {json}` line.
 */
import { renderSynthesisPdf } from '../src/infra/synthesis/pdf.js';
import { loadedFallbackFiles } from '../src/infra/synthesis/pdf-fonts.js';

const ROUNDS = 30;
const SENTENCE = 'J’ai coordonné une équipe de six personnes, préparé le budget annuel du service et formé les nouveaux arrivants';

function synthesis(names: readonly string[]): string {
  const sections = Array.from({ length: 8 }, (_, s) => {
    const items = Array.from({ length: 7 }, (_, i) => `- **Question ${s}.${i}** : ${SENTENCE}${names.length > 0 ? ` avec ${names[(s + i) % names.length]}` : ''} (${i + 1}).`);
    return `## ${s + 1}. Section ${s + 1}\n\n${items.join('\n')}`;
  });
  return `# Document de synthèse de mon bilan de compétences\n\n> Brouillon : relisez-le avant de le partager.\n\n${sections.join('\n\n')}\n`;
}

const TEXTS = {
  latin: synthesis([]),
  cjk: synthesis(['王小明', '田中はなこ', '김민준', '仓库管理员', 'スズキ']),
  rtl: synthesis(['محمد بن علي', 'דוד כהן', 'مرحبا بالعالم']),
};

async function milliseconds(markdown: string): Promise<number> {
  const start = process.hrtime.bigint();
  await renderSynthesisPdf(markdown, { title: 'Synthèse', createdAt: new Date(0), pageLabel: 'Page {{page}} / {{pages}}' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const results: Record<string, number> = {};
for (const [name, markdown] of Object.entries(TEXTS)) {
  results[`${name}FirstMs`] = await milliseconds(markdown);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await milliseconds(markdown));
  results[`${name}MedianMs`] = times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? NaN;
  results[`${name}FallbackFiles`] = loadedFallbackFiles().length;
}
for (const [name, value] of Object.entries(results)) process.stdout.write(`${name.padEnd(24)} ${value.toFixed(1)}\n`);
process.stdout.write(`BENCH ${JSON.stringify(results)}\n`);
