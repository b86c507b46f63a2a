// Which addresses of another server Gradient accepts to call or send people to (an Open Badges
// wallet's, an LMS platform's): https anywhere; plain http only on this machine's loopback
// (RFC 8252 §7.3), where a client under test or a local service listens. Never credentials in the
// address, nor a fragment (RFC 6749 §3.1.2).

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isHttpsOrLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash || url.username || url.password) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
}
