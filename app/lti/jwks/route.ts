// The tool's public keys (RS256), current and retired: platforms check Gradient's deep linking
// responses and client assertions with them. A retired key stays listed while what it signed may
// still be checked.
import { otherMethods } from "@/lib/api/responses";
import { listToolKeys } from "@/lib/lti/tool-key";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const keys = await listToolKeys();
  return Response.json(
    { keys: keys.map((key) => key.publicJwk) },
    { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
