// Where a page may send a visitor back to after signing in: a path on this site only. A value
// taken from the query string must never become an open redirect to another origin.

const BASE = "http://gradient.invalid";

function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
}

/** `value` when it is a same-origin path (with its query and fragment), else `fallback`. */
export function safeReturnPath(value: string | string[] | undefined, fallback: string): string {
  const path = Array.isArray(value) ? value[0] : value;
  // "//host" and "/\host" both leave the site in a browser; so can a control character a browser strips.
  if (!path || !path.startsWith("/") || path.includes("\\") || hasControlCharacter(path)) return fallback;
  try {
    const resolved = new URL(path, BASE);
    if (resolved.origin !== BASE) return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}
