// A stranger's wallet or verifier takes a certificate in either token form over HTTP and checks it
// with plain `jose` and the specifications' rules: the OB 3.0 VC-JWT (by path or Accept) and the
// VC-JOSE-COSE form, each `kid` dereferenced over HTTP to the public JWK, the JWKS, and the
// official OB 3.0 JSON Schema. Certificates are issued through lib/, as certificates.spec.ts does.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { JSONWebKeySet } from "jose";
import { checkObJwt, checkVcJoseCose, type Dereference } from "../lib/certificates/testing/jose-checks";
import { assertMatchesOfficialSchema } from "../lib/certificates/testing/official-schema";
import { learnerWithCertificate } from "./fixtures/certified-learner";
import { runLib } from "./fixtures/run-lib";

const LIB = {
  env: "lib/env.ts",
  dataDir: "lib/env.ts",
  ensureSigningKeyFile: "scripts/lib/signing-key.ts",
};

/** A new learner of the course, holding the certificate the pass rule issued them. */
function certificateFor(name: string): { publicId: string; subjectId: string } {
  return learnerWithCertificate(name, { emailPrefix: "tokens-e2e" });
}

/** GETs a URL of this issuer over HTTP, from the issuer's own origin only. */
function dereferenceWith(request: APIRequestContext, baseURL: string): Dereference {
  return async (url) => {
    expect(new URL(url).origin).toBe(new URL(baseURL).origin);
    const response = await request.get(url);
    expect(response.status(), `GET ${url}`).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/jwk+json");
    return (await response.json()) as unknown;
  };
}

test.beforeAll(() => {
  // With no key configured, the web app signs with the one in the data folder, as under `npm start`.
  runLib("if (!env.SIGNING_KEY && !env.SIGNING_KEY_FILE) ensureSigningKeyFile(dataDir);", LIB);
});

test("both token forms of a served certificate verify with jose through their kid URL, by OB 3.0's rules and schema", async ({
  request,
  baseURL,
}) => {
  const { publicId, subjectId } = certificateFor("陈静");
  const dereference = dereferenceWith(request, baseURL ?? "");

  const byPath = await request.get(`/credentials/${publicId}/ob-jwt`);
  expect(byPath.status()).toBe(200);
  expect(byPath.headers()["content-type"]).toContain("text/plain");
  const obJwt = await byPath.text();
  const byAccept = await request.get(`/credentials/${publicId}`, { headers: { Accept: "application/jwt" } });
  expect(byAccept.headers()["content-type"]).toContain("application/jwt");
  expect(await byAccept.text()).toBe(obJwt);
  const fromOb = await checkObJwt(obJwt, dereference);
  expect(fromOb.sub).toBe(subjectId);
  expect(fromOb.iss).toBe(new URL("/issuer", baseURL).toString());
  assertMatchesOfficialSchema(obJwt, "the OB 3.0 VC-JWT served");

  const vc = await request.get(`/credentials/${publicId}`, { headers: { Accept: "application/vc+jwt" } });
  expect(vc.headers()["content-type"]).toContain("application/vc+jwt");
  const jwks = (await (await request.get("/.well-known/jwks.json")).json()) as JSONWebKeySet;
  const fromVc = await checkVcJoseCose(await vc.text(), dereference, jwks);
  expect(fromVc.credentialSubject.id).toBe(subjectId);
  expect(JSON.stringify(fromVc)).toContain("陈静");
  assertMatchesOfficialSchema(fromVc, "the VC-JOSE-COSE credential served");

  // The command-line verifier takes the OB 3.0 token too.
  const cli = spawnSync(
    path.resolve("node_modules", ".bin", "tsx"),
    [path.resolve("scripts", "verify.ts"), `${baseURL}/credentials/${publicId}/ob-jwt`, "--issuer", baseURL ?? ""],
    { encoding: "utf8" },
  );
  expect(cli.stdout).toContain("verdict: VALID");
  expect(cli.status).toBe(0);
});

test("the verify page offers the OB 3.0 token as a download, only where the certificate has one", async ({ page }) => {
  const { publicId } = certificateFor("Dora Download");
  await page.goto(`/verify/${publicId}`);
  await expect(page.getByRole("link", { name: "Open Badges 3.0 token (.jwt)" })).toHaveAttribute(
    "href",
    `/credentials/${publicId}/ob-jwt?download=1`,
  );
  const { publicId: older } = certificateFor("Otto Older");
  runLib(
    `await db.certificate.update({ where: { publicId: ${JSON.stringify(older)} }, data: { obCredentialJwt: null } });`,
  );
  await page.goto(`/verify/${older}`);
  await expect(page.getByRole("link", { name: "VC-JOSE-COSE token (.jwt)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open Badges 3.0 token (.jwt)" })).toHaveCount(0);
});

test("a private certificate's OB token is not served to a stranger", async ({ request }) => {
  const { publicId } = certificateFor("Pia Private");
  expect((await request.get(`/credentials/${publicId}/ob-jwt`)).status()).toBe(200);
  runLib(
    `await db.certificate.update({ where: { publicId: ${JSON.stringify(publicId)} }, data: { isPublic: false } });`,
  );
  for (const url of [`/credentials/${publicId}/ob-jwt`, `/credentials/${publicId}`])
    expect((await request.get(url, { headers: { Accept: "application/jwt" } })).status(), url).toBe(404);
});

test("a certificate issued before the OB token form answers 404 there with where to find it, and keeps its other form", async ({
  request,
}) => {
  const { publicId } = certificateFor("Olga Older");
  runLib(
    `await db.certificate.update({ where: { publicId: ${JSON.stringify(publicId)} }, data: { obCredentialJwt: null } });`,
  );
  const response = await request.get(`/credentials/${publicId}/ob-jwt`);
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain(`/credentials/${publicId}`);
  const fallback = await request.get(`/credentials/${publicId}`, { headers: { Accept: "application/jwt" } });
  expect(fallback.headers()["content-type"]).toContain("application/vc+jwt");
  expect((await request.get(`/credentials/${"x".repeat(22)}/ob-jwt`)).status()).toBe(404);
});
