// The JSON-LD contexts Gradient's documents use, vendored (see contexts/SOURCES.md) so that
// issuing and verifying never fetch one.
import { publicUrl } from "../env";
import { OB_CONTEXT, VC_CONTEXT } from "./credential-schema";
import credentialsV2 from "./contexts/credentials-v2.json";
import dataIntegrityV2 from "./contexts/data-integrity-v2.json";
import didV1 from "./contexts/did-v1.json";
import gradientV1 from "./contexts/gradient-v1.json";
import multikeyV1 from "./contexts/multikey-v1.json";
import openBadgesV3 from "./contexts/open-badges-v3p0-3.0.3.json";

export const DATA_INTEGRITY_CONTEXT = "https://w3id.org/security/data-integrity/v2";
export const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";
export const DID_CONTEXT = "https://www.w3.org/ns/did/v1";
export const GRADIENT_CONTEXT_PATH = "/contexts/gradient/v1";

/** Our context, for the terms Gradient adds, at this installation's address. */
export function gradientContextUrl(base: string = publicUrl): string {
  return new URL(GRADIENT_CONTEXT_PATH, base).toString();
}

/** The document served at the context's address (and read by the local loader). */
export const GRADIENT_CONTEXT: object = gradientV1;

export const VENDORED_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  [VC_CONTEXT, credentialsV2],
  [OB_CONTEXT, openBadgesV3],
  [DATA_INTEGRITY_CONTEXT, dataIntegrityV2],
  [MULTIKEY_CONTEXT, multikeyV1],
  [DID_CONTEXT, didV1],
]);
