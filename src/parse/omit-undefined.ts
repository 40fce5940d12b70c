/**
 * Builds an object with optional properties from values that may be
 * undefined: under exactOptionalPropertyTypes an absent property and one set
 * to undefined are different things, and ParsedItem wants them absent.
 */
export function omitUndefined<T extends object>(value: { [K in keyof T]?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
