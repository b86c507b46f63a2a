import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { otherMethods } from "@/lib/api/responses";
import { authOptions } from "@/lib/auth";

// next-auth 4 declares its route handler as `any`; this is the shape it is called with here.
const handler = NextAuth(authOptions) as (
  request: NextRequest,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own test: an http(s) address, or a path on this site. */
function isUsableCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * next-auth 4 answers a callback URL it cannot use (`?callbackUrl=javascript:…`) with a 500; it is bad input, so a 400
 * says so.
 */
async function authRoute(
  request: NextRequest,
  context: { params: Promise<{ nextauth: string[] }> },
): Promise<Response> {
  const base = request.nextUrl.origin;
  const candidates = [
    request.nextUrl.searchParams.get("callbackUrl"),
    ...CALLBACK_URL_COOKIES.map((name) => request.cookies.get(name)?.value),
  ];
  if (candidates.some((value) => value && !isUsableCallbackUrl(value, base))) {
    return Response.json(
      {
        error: {
          code: "invalid_callback_url",
          message: "callbackUrl must be an http(s) address or a path on this site.",
        },
      },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  return await handler(request, context);
}

export { authRoute as GET, authRoute as POST };

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
