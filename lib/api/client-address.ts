/**
 * The caller's address for per-address limits. The right-most x-forwarded-for entry is the one
 * the nearest proxy (or Next's own server, which fills the header from the socket when it is
 * absent) wrote; entries to its left come from the client and could be anything.
 */
export function clientAddressFromHeaders(headers: Pick<Headers, "get">): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : "unknown";
}

export function clientAddressOf(request: Request): string {
  return clientAddressFromHeaders(request.headers);
}
