/** One rss-parser result object: raw xml2js nodes under "raw:<element>". */
export type RawRecord = Record<string, unknown>;
