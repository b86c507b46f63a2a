// Which form of a credential or status list a client asked for. The embedded-proof JSON is the
// default: what a browser, a wallet or a Data Integrity verifier gets unless it asks for the JWT.
import Negotiator from "negotiator";
import { VC_JWT_MEDIA_TYPE } from "./vc-jwt";

/** How a credential or status list is secured: a VC-JOSE-COSE JWT, or JSON with an embedded Data Integrity proof. */
export type SecuredForm = "jwt" | "embedded-proof";

/** Media types answered with the embedded-proof JSON, the first being the default. */
export const EMBEDDED_PROOF_MEDIA_TYPES = ["application/ld+json", "application/vc", "application/json"] as const;

export type NegotiatedForm =
  | { form: "embedded-proof"; mediaType: (typeof EMBEDDED_PROOF_MEDIA_TYPES)[number] }
  | { form: "jwt"; mediaType: typeof VC_JWT_MEDIA_TYPE };

export function negotiateCredentialForm(accept: string | null): NegotiatedForm {
  const chosen = new Negotiator({ headers: accept ? { accept } : {} }).mediaType([
    ...EMBEDDED_PROOF_MEDIA_TYPES,
    VC_JWT_MEDIA_TYPE,
  ]);
  if (chosen === VC_JWT_MEDIA_TYPE) return { form: "jwt", mediaType: VC_JWT_MEDIA_TYPE };
  const json = EMBEDDED_PROOF_MEDIA_TYPES.find((type) => type === chosen) ?? EMBEDDED_PROOF_MEDIA_TYPES[0];
  return { form: "embedded-proof", mediaType: json };
}
