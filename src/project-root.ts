import { resolve } from 'node:path';

/** The project root: dialogs/, locales/, data/ and package.json are read from here, whether running src/ or dist/. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
