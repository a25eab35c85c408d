// natural 8.1.1 is imported file by file: its package root loads database clients and dotenv (slow, and it prints).
// These files have no declarations of their own; only what this project calls is declared.

declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}

declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  const jaroWinklerDistance: (s1: string, s2: string, options?: { ignoreCase?: boolean }) => number;
  export default jaroWinklerDistance;
}
