// The verdict as JSON, for programs: the same check the verify page makes (signature, issuer,
// revocation and suspension lists), with the holder's details only where the page would show them.
import { getCurrentUser } from "@/lib/auth";
import { getCertificateView } from "@/lib/certificates/get-certificate-view";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const view = await getCertificateView(id, await getCurrentUser());
  if (!view) {
    return Response.json(
      { id, status: "not_genuine", problems: ["No certificate with this id was issued here."] },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  }
  return Response.json(
    { id, status: view.status, problems: view.problems, details: view.details },
    { headers: { "cache-control": "no-store" } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
