// Asked by the launch page inside the LMS's frame: did the browser keep the session cookie the
// launch set? 200 when this request carries a valid session, 401 when it does not (the browser
// blocks the frame's cookies, so the page offers the first-party fallback).
import { otherMethods } from "@/lib/api/responses";
import { getCurrentUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  return Response.json(
    { signedIn: user !== null },
    { status: user ? 200 : 401, headers: { "cache-control": "no-store" } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
