// The learner's certificates as getCredentials returns them, one page at a time. The one place the
// Open Badges API reads certificates, so the forms it serves are decided here. Hidden (not public)
// certificates are included: the learner owns them, and only the learner's own wallet gets here.
//
// Each certificate appears once. The spec (GetOpenBadgeCredentialsResponse) sorts credentials by how
// they are secured: those signed as VC-JWT go in compactJwsStrings, those that are not in credential.
// Sending one certificate in both arrays would hand the wallet two credentials with the same id and
// make X-Total-Count disagree with what it receives. So the embedded-proof form goes in `credential`
// where it exists (the form verifiers such as the Learner Credential Wallet's check); otherwise the
// Open Badges 3.0 VC-JWT, and for certificates issued before that form, the VC-JOSE-COSE JWT.
import { z } from "zod";
import { hasEmbeddedProof } from "../certificates/data-integrity";
import { db } from "../db";

export const CredentialsQuerySchema = z.object({
  /** Credentials per page. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Zero-based index of the first credential of the page. */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Only credentials issued after this moment. */
  since: z.iso.datetime({ offset: true }).optional(),
});

export type CredentialsQuery = z.infer<typeof CredentialsQuerySchema>;

export const GetOpenBadgeCredentialsResponseSchema = z.object({
  /** Credentials secured by an embedded proof. */
  credential: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Credentials secured as compact JWS (VC-JWT). */
  compactJwsStrings: z.array(z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/)).optional(),
});

/** A stored credential is served only if it is a JSON object that carries its proof. */
const EmbeddedProofCredentialSchema = z
  .looseObject({})
  .refine(hasEmbeddedProof, "the stored credential carries no eddsa-rdfc-2022 proof");

export type GetOpenBadgeCredentialsResponse = z.infer<typeof GetOpenBadgeCredentialsResponseSchema>;

export interface CredentialsPage {
  body: GetOpenBadgeCredentialsResponse;
  total: number;
}

/** Newest first, id as the tie-break, so pages never overlap or skip while nothing new is issued. */
export async function listObCredentials(userId: string, query: CredentialsQuery): Promise<CredentialsPage> {
  const where = { userId, ...(query.since ? { issuedAt: { gt: new Date(query.since) } } : {}) };
  const [total, rows] = await Promise.all([
    db.certificate.count({ where }),
    db.certificate.findMany({
      where,
      orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
      skip: query.offset,
      take: query.limit,
      select: { credential: true, obCredentialJwt: true, credentialJwt: true },
    }),
  ]);
  const body: Required<GetOpenBadgeCredentialsResponse> = { credential: [], compactJwsStrings: [] };
  for (const row of rows) {
    const embedded = EmbeddedProofCredentialSchema.safeParse(row.credential);
    if (embedded.success) body.credential.push(embedded.data);
    else body.compactJwsStrings.push(row.obCredentialJwt ?? row.credentialJwt);
  }
  return { body, total };
}

/** The Link header of a page (RFC 8288): first and last always, next and prev where they exist. */
export function paginationLinks(pageUrl: URL, { limit, offset }: CredentialsQuery, total: number): string {
  const at = (pageOffset: number) => {
    const url = new URL(pageUrl);
    url.searchParams.set("limit", String(limit));
    url.searchParams.set("offset", String(pageOffset));
    return url.toString();
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [`<${at(0)}>; rel="first"`, `<${at(lastOffset)}>; rel="last"`];
  if (offset + limit < total) links.push(`<${at(offset + limit)}>; rel="next"`);
  if (offset > 0) links.push(`<${at(Math.max(0, Math.min(offset - limit, lastOffset)))}>; rel="prev"`);
  return links.join(", ");
}
