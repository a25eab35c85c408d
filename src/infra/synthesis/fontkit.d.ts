// fontkit 2.0.4 (pdfkit's font engine) ships no declarations: only what this project calls is declared. The fonts it
// returns are typed where they are used (variable-font.ts).
declare module 'fontkit' {
  export function create(buffer: Uint8Array): unknown;
}
