// A fresh nonce per request for the strict Content-Security-Policy (lib/http/content-security-policy.ts).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createScriptNonce } from "@/lib/http/content-security-policy";

export function proxy(request: NextRequest) {
  const nonce = createScriptNonce();
  const policy = contentSecurityPolicy(nonce);
  // Next reads the policy from the request to put the nonce on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
