import type { NormalizedItem, SourceInfo } from '../model.js';
import type { MatchDocument } from './prepare-document.js';

/** The matcher's view of a stored or incoming item and the source that carried it. */
export function documentFromItem(item: NormalizedItem, source: Pick<SourceInfo, 'id' | 'title'>): MatchDocument {
  return {
    title: item.title,
    text: item.text.startsWith(item.summary) ? item.text : `${item.summary}\n${item.text}`,
    categories: item.categories,
    author: item.author ?? '',
    sourceId: source.id,
    sourceTitle: source.title,
    lang: item.lang ?? '',
    link: item.link ?? '',
  };
}
