import { checkHealth } from "@/lib/health";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.isHealthy ? 200 : 503 });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
