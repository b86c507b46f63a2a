// The signed Bitstring Status List credentials that certificates point to.
import { z } from "zod";
import { getStatusListJwt } from "@/lib/certificates/get-status-list";
import { STATUS_PURPOSES, STATUS_LIST_TTL_MS } from "@/lib/certificates/status-list";
import { VC_JWT_MEDIA_TYPE } from "@/lib/certificates/vc-jwt";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const ParamsSchema = z.object({ purpose: z.enum(STATUS_PURPOSES) });

export async function GET(_request: Request, { params }: { params: Promise<{ purpose: string }> }): Promise<Response> {
  const parsed = ParamsSchema.safeParse(await params);
  if (!parsed.success)
    return Response.json({ error: { code: "not_found", message: "No such status list." } }, { status: 404 });
  return new Response(await getStatusListJwt(parsed.data.purpose), {
    headers: {
      "Content-Type": VC_JWT_MEDIA_TYPE,
      // Short enough that a revocation shows within minutes, long enough to spare the server.
      "Cache-Control": `public, max-age=${Math.floor(STATUS_LIST_TTL_MS / 1000 / 5)}`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
