// Which form of a credential or status list a client asked for. The embedded-proof JSON is the
// default: what a browser, a wallet or a Data Integrity verifier gets unless it asks for the JWT.
import Negotiator from "negotiator";
import { VC_JWT_MEDIA_TYPE } from "./vc-jwt";

/** How a credential or status list is secured: a VC-JOSE-COSE JWT, or JSON with an embedded Data Integrity proof. */
export type SecuredForm = "jwt" | "embedded-proof";

/** Media types answered with the embedded-proof JSON, the first being the default. */
export const EMBEDDED_PROOF_MEDIA_TYPES = ["application/ld+json", "application/vc", "application/json"] as const;

/** RFC 7519's media type, which names the Open Badges 3.0 VC-JWT (credentials only; status lists have no such form). */
export const OB_JWT_MEDIA_TYPE = "application/jwt";

type EmbeddedProofMediaType = (typeof EMBEDDED_PROOF_MEDIA_TYPES)[number];

export type NegotiatedForm =
  { form: "embedded-proof"; mediaType: EmbeddedProofMediaType } | { form: "jwt"; mediaType: typeof VC_JWT_MEDIA_TYPE };

export type NegotiatedCredentialForm = NegotiatedForm | { form: "ob-jwt"; mediaType: typeof OB_JWT_MEDIA_TYPE };

function choose(accept: string | null, offered: string[]): string | undefined {
  return new Negotiator({ headers: accept ? { accept } : {} }).mediaType(offered);
}

function embeddedProofAs(chosen: string | undefined): NegotiatedForm {
  const json = EMBEDDED_PROOF_MEDIA_TYPES.find((type) => type === chosen) ?? EMBEDDED_PROOF_MEDIA_TYPES[0];
  return { form: "embedded-proof", mediaType: json };
}

/** A status list's form: the embedded-proof JSON unless the VC-JOSE-COSE JWT is preferred. */
export function negotiateStatusListForm(accept: string | null): NegotiatedForm {
  const chosen = choose(accept, [...EMBEDDED_PROOF_MEDIA_TYPES, VC_JWT_MEDIA_TYPE]);
  return chosen === VC_JWT_MEDIA_TYPE ? { form: "jwt", mediaType: VC_JWT_MEDIA_TYPE } : embeddedProofAs(chosen);
}

/** A credential's form: as a status list's, and the Open Badges 3.0 VC-JWT for `application/jwt`. */
export function negotiateCredentialForm(accept: string | null): NegotiatedCredentialForm {
  const chosen = choose(accept, [...EMBEDDED_PROOF_MEDIA_TYPES, VC_JWT_MEDIA_TYPE, OB_JWT_MEDIA_TYPE]);
  if (chosen === VC_JWT_MEDIA_TYPE) return { form: "jwt", mediaType: VC_JWT_MEDIA_TYPE };
  if (chosen === OB_JWT_MEDIA_TYPE) return { form: "ob-jwt", mediaType: OB_JWT_MEDIA_TYPE };
  return embeddedProofAs(chosen);
}
