import sanitize from 'sanitize-html';
import type { Attributes, IOptions } from 'sanitize-html';
import { parseUrl, resolveUrl, stripForbiddenChars } from '../text/index.js';

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'] as const;

function buildOptions(base: URL | undefined): IOptions {
  return {
    allowedTags: [...sanitize.defaults.allowedTags, 'img', 'figure', 'figcaption', 'picture'],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      abbr: ['title'],
      blockquote: ['cite'],
      q: ['cite'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      time: ['datetime'],
    },
    // data: is left out on purpose: data:text/html and data:image/svg+xml carry scripts.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowProtocolRelative: false,
    // Raw-text and embedding elements lose their content too, not just their tags.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'template', 'title'],
    disallowedTagsMode: 'discard',
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
    transformTags: {
      '*': (tagName: string, attribs: Attributes) => {
        const out: Attributes = { ...attribs };
        for (const name of URL_ATTRIBUTES) {
          const value = out[name];
          // Resolved against the item's link, as a reader would; left as it is (but for white space, which a URL never starts or ends with) when it cannot be.
          if (value !== undefined) out[name] = resolveUrl(value, base) ?? value.trim();
        }
        return { tagName, attribs: out };
      },
    },
  };
}

/**
 * Makes publisher HTML safe to republish: no scripts, styles, frames, embeds or forms,
 * no event handlers or style attributes, only http/https/mailto URLs, and relative
 * URLs made absolute against `baseUrl` (the item's link), since a reader resolves them
 * against our feed otherwise.
 */
export function sanitizeHtml(html: string, baseUrl: string): string {
  return stripForbiddenChars(sanitize(html, buildOptions(parseUrl(baseUrl)))).trim();
}
