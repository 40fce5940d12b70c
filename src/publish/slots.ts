import { TopicwireError } from '../errors.js';
import { escapeXml } from '../text/index.js';
import { wrapCdata } from './xml-text.js';

/**
 * feed 6.0 escapes unevenly: attribute values only get `"` escaped (so `<` or `&`
 * breaks well-formedness), text has "&amp;" folded back to "&" (xml-js), CDATA has only
 * the first "]]>" split, Atom titles go out as type="html" unescaped, and ids must
 * parse as URLs. So every variable string is handed to feed as an opaque token that
 * all of those paths leave untouched, and the real value is written in afterwards,
 * escaped for where it landed. Since feed's output then holds nothing but its own
 * markup and tokens, a token can never be confused with publisher content.
 */
const TOKEN = 'urn:x-topicwire-slot:';
const TOKEN_PATTERN = /(<title type="html">)?(?:<!\[CDATA\[urn:x-topicwire-slot:(\d+)\]\]>|urn:x-topicwire-slot:(\d+))/g;

/** text: plain text, always escaped; html: markup, kept in CDATA where feed used CDATA. */
export type SlotMode = 'text' | 'html';

interface Slot {
  value: string;
  mode: SlotMode;
}

export interface SlotTable {
  put(value: string, mode?: SlotMode): string;
  fill(xml: string, escapeText?: (text: string) => string): string;
}

export function createSlotTable(): SlotTable {
  const slots: Slot[] = [];
  const fillMatch = (escapeText: (text: string) => string, titleTag: string | undefined, cdataIndex: string | undefined, plainIndex: string | undefined): string => {
    const slot = slots[Number(cdataIndex ?? plainIndex)];
    if (slot === undefined) throw new TopicwireError(`renderer bug: unknown slot ${cdataIndex ?? plainIndex}`);
    const body = cdataIndex !== undefined && slot.mode === 'html' ? wrapCdata(slot.value) : escapeText(slot.value);
    if (titleTag === undefined) return body;
    // Plain text must be labelled type="text" (RFC 4287 §3.1.1), or readers decode it as HTML.
    return (slot.mode === 'text' ? '<title type="text">' : titleTag) + body;
  };
  return {
    put(value, mode = 'text') {
      slots.push({ value, mode });
      return `${TOKEN}${slots.length - 1}`;
    },
    fill(xml, escapeText = escapeXml) {
      return xml.replace(TOKEN_PATTERN, (_match: string, titleTag?: string, cdataIndex?: string, plainIndex?: string) =>
        fillMatch(escapeText, titleTag, cdataIndex, plainIndex),
      );
    },
  };
}
