import { describe, expect, it } from 'vitest';
import { findSentenceEnds, firstSentence } from '../../src/text/index.js';

const ends = (text: string): string[] => [...findSentenceEnds(text)].map((end) => text.slice(0, end));

describe('findSentenceEnds', () => {
  it('ends a sentence at terminal punctuation followed by white space or the end', () => {
    expect(ends('One. Two! Three? Four')).toEqual(['One.', 'One. Two!', 'One. Two! Three?']);
    expect(ends('Really?! Yes.')).toEqual(['Really?!', 'Really?! Yes.']);
  });

  it('keeps closing quotes and brackets with the sentence, in any style', () => {
    expect(ends('He said “no.” Then left.')).toEqual(['He said “no.”', 'He said “no.” Then left.']);
    expect(ends('Er sagte: „Wir kommen.“ Dann ging er.')).toEqual(['Er sagte: „Wir kommen.“', 'Er sagte: „Wir kommen.“ Dann ging er.']);
    expect(ends('(See below.) Next')).toEqual(['(See below.)']);
  });

  it('ends a sentence at an ellipsis and at other scripts’ terminals', () => {
    expect(ends('We are watching… as always')).toEqual(['We are watching…']);
    expect(ends('Հանձնաժողով։ Կողմերը')).toEqual(['Հանձնաժողով։']);
    expect(ends('هل تنضم؟ قال')).toEqual(['هل تنضم؟']);
    expect(ends('会见普京。 两国')).toEqual(['会见普京。']);
  });

  it('does not cut numbers, abbreviations joined to a word, or domains', () => {
    expect(ends('Growth was 3.5 percent in the U.S.-led bloc, says example.com today')).toEqual([]);
  });
});

describe('firstSentence', () => {
  it('is the text up to the first sentence end, or all of it', () => {
    expect(firstSentence('Talks resumed. More later.')).toBe('Talks resumed.');
    expect(firstSentence('No end here')).toBe('No end here');
  });

  it('needs words before the end', () => {
    expect(firstSentence('… and more. Then')).toBe('… and more.');
  });
});
