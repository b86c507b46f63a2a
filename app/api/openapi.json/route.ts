import { buildOpenApiDocument } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(publicUrl));
}
