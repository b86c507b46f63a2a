// The tool's public keys, fetched from the jwks_uri it registered (and refetched when a kid is
// new), to verify what the tool signs: client assertions and deep linking responses.
import { createRemoteJWKSet } from "jose";

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function toolKeySet(jwksUri: string): ReturnType<typeof createRemoteJWKSet> {
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0 });
    keySets.set(jwksUri, keySet);
  }
  return keySet;
}
