export interface CorpusFiles {
  dir: string;
  files: { feed: number; name: string }[];
  items: number;
  bytes: number;
  duplicates: number;
}
export function writeCorpus(
  dir: string,
  options: { seed: number; feeds: number; items: number; firstFeed?: number; totalFeeds?: number; changedEvery?: number; fresh?: number },
): CorpusFiles;
export function sourcesOf(corpus: CorpusFiles, baseUrl: string, prefix?: string): { id: string; title: string; url: string }[];
