/**
 * Where the tag whose name ends at each `from` ends: past its `>`, with
 * quoted attribute values allowed to hold `>`; -1 when it never ends. What
 * the pattern `(?:[^>"']|"[^"]*"|'[^']*')*>` matches, walked by hand: a
 * walk that fails (an unclosed quote, no `>`) marks where it went outside
 * quotes, and a later walk that reaches one of those places fails there
 * too, so a body of thousands of unclosed tags (`<item "` again and again)
 * is walked once, not once per tag (the regular expression took seconds per
 * 100 KB, growing with the square of the body).
 */
export function createTagEnds(text: string): (from: number) => number {
  let doomed: Uint8Array | undefined;
  return (from) => {
    const outside: [number, number][] = [];
    let segment = from;
    for (let i = from; i < text.length; ) {
      if (doomed?.[i] === 1) break;
      const c = text[i];
      if (c === '>') return i + 1;
      if (c === '"' || c === "'") {
        outside.push([segment, i + 1]);
        const close = text.indexOf(c, i + 1);
        if (close === -1) break;
        i = close + 1;
        segment = i;
        continue;
      }
      i += 1;
    }
    doomed ??= new Uint8Array(text.length);
    for (const [a, b] of outside) doomed.fill(1, a, b);
    if (segment < text.length) doomed.fill(1, segment, findStop(text, segment, doomed));
    return -1;
  };
}

/** Where a failed walk from `from` stopped outside quotes: the next quote, marked place or the end. */
function findStop(text: string, from: number, doomed: Uint8Array): number {
  for (let i = from; i < text.length; i += 1) if (text[i] === '"' || text[i] === "'" || doomed[i] === 1) return i;
  return text.length;
}

/**
 * `text` with every tag replaced by `replace(tag, opening)`: a tag is what
 * `opening` (a global pattern for its "<" and name) starts and createTagEnds
 * ends. What `text.replace(/OPENING(?:[^>"']|"[^"]*"|'[^']*')*>/g, …)` does,
 * in one walk: an opening whose tag never ends is left as text, and the
 * search goes on after it rather than from each of its characters.
 */
export function replaceTags(text: string, opening: RegExp, replace: (tag: string, open: RegExpExecArray) => string): string {
  const tagEnd = createTagEnds(text);
  const openings = new RegExp(opening.source, opening.flags.includes('g') ? opening.flags : `${opening.flags}g`);
  let out = '';
  let last = 0;
  for (let open = openings.exec(text); open !== null; open = openings.exec(text)) {
    const end = tagEnd(open.index + open[0].length);
    if (end === -1) continue;
    out += text.slice(last, open.index) + replace(text.slice(open.index, end), open);
    last = end;
    openings.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}
