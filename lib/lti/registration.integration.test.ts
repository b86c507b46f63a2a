// Platform registration on the run's own Postgres: by hand (validation, duplicates, updates,
// removal, the admin role), the tool key's rotation, the one-time registration links, and LTI
// Dynamic Registration 1.0 against a small platform served here, written from the specification:
// it serves its OpenID configuration and a registration endpoint that checks the bearer token
// and the tool's request, and can refuse.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { GET as registerPage, POST as confirmRegistration } from "../../app/lti/register/[token]/route";
import { db } from "../db";
import { overrideEnvironmentForTest } from "../env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { makeUser, rejection } from "../instructor/test-fixtures";
import { completeDynamicRegistration } from "./dynamic-registration";
import { getPlatform } from "./get-platform";
import { listPlatforms } from "./list-platforms";
import { registerPlatform } from "./register-platform";
import { createRegistrationInvite, INVITE_LIFETIME_MS } from "./registration-invites";
import { RegistrationProblem } from "./registration-problem";
import { removePlatform } from "./remove-platform";
import { rotateToolKeyAsAdmin } from "./rotate-tool-key-as-admin";
import { setPlatformEnabled } from "./set-platform-enabled";
import { startDynamicRegistration } from "./start-dynamic-registration";
import { listToolKeys } from "./tool-key";
import { updatePlatform } from "./update-platform";

let admin: Awaited<ReturnType<typeof makeUser>>;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "lti-registration-"));

/** A registration as the admin form sends it, on an issuer of its own so tests never collide. */
function platformInput(overrides: Record<string, unknown> = {}) {
  const host = `lms-${crypto.randomUUID().slice(0, 8)}.example.edu`;
  return {
    name: "University LMS",
    issuer: `https://${host}`,
    clientId: "10000000000042",
    authLoginUrl: `https://${host}/api/lti/authorize_redirect`,
    accessTokenUrl: `https://${host}/login/oauth2/token`,
    jwksUrl: `https://${host}/api/lti/security/jwks`,
    authServer: "",
    deploymentIds: "1:abc\n\n2:def\n1:abc\n",
    frameOrigins: "",
    ...overrides,
  };
}

before(async () => {
  overrideEnvironmentForTest({ LTI_TOOL_KEY: undefined, LTI_TOOL_KEY_FILE: path.join(keyDir, "tool-key.pem") });
  admin = await makeUser("ADMIN");
  instructor = await makeUser("INSTRUCTOR");
  learner = await makeUser("LEARNER");
});

after(async () => {
  fs.rmSync(keyDir, { recursive: true, force: true });
  await db.$disconnect();
});

describe("registering a platform by hand", () => {
  test("stores the fields, the deployments one a line, the default frame origins, and audits it", async () => {
    const input = platformInput({ authLoginUrl: "https://sso.example.com/api/lti/authorize_redirect" });
    const { id } = await registerPlatform({ viewer: admin, input });
    const platform = await getPlatform({ viewer: admin, platformId: id });
    assert.equal(platform.issuer, input.issuer);
    assert.deepEqual(platform.deploymentIds, ["1:abc", "2:def"]);
    assert.deepEqual(platform.frameOrigins, [input.issuer, "https://sso.example.com"]);
    assert.equal(platform.authServer, null);
    assert.equal(platform.registeredBy, "MANUAL");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "lti.platform.register", targetId: id } });
    assert.equal(entry.actorId, admin.id);
  });

  test("names every wrong field, and allows http only on loopback", async () => {
    const error = await rejection(
      registerPlatform({
        viewer: admin,
        input: platformInput({
          issuer: "http://lms.example.edu",
          clientId: " ",
          authLoginUrl: "not a url",
          jwksUrl: "https://lms.example.edu/jwks#keys",
          deploymentIds: "\n \n",
          frameOrigins: "ftp://files.example.edu",
        }),
      }),
    );
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(Object.keys(error.fieldErrors).sort(), [
      "authLoginUrl",
      "clientId",
      "deploymentIds",
      "frameOrigins.0",
      "issuer",
      "jwksUrl",
    ]);
    assert.match(error.fieldErrors.issuer?.[0] ?? "", /https address \(http only for localhost\)/);
    assert.match(error.fieldErrors.deploymentIds?.[0] ?? "", /at least one deployment id/);

    const local = await registerPlatform({
      viewer: admin,
      input: platformInput({
        issuer: `http://localhost:${9000 + Math.floor(Math.random() * 999)}`,
        authLoginUrl: "http://127.0.0.1:9/auth",
        accessTokenUrl: "http://[::1]:9/token",
        jwksUrl: "http://localhost:9/jwks",
      }),
    });
    assert.ok(local.id);
  });

  test("a repeated issuer and client id is a field error, not a crash; another client id is fine", async () => {
    const input = platformInput();
    await registerPlatform({ viewer: admin, input });
    const error = await rejection(registerPlatform({ viewer: admin, input }));
    assert.ok(error instanceof ValidationError);
    assert.match(error.fieldErrors.clientId?.[0] ?? "", /already has a platform registered with this client id/);
    assert.ok((await registerPlatform({ viewer: admin, input: { ...input, clientId: "other" } })).id);
  });

  test("only admins register, list, change, disable, remove, rotate or invite", async () => {
    const { id } = await registerPlatform({ viewer: admin, input: platformInput() });
    for (const viewer of [learner, instructor]) {
      const attempts: Promise<unknown>[] = [
        registerPlatform({ viewer, input: platformInput() }),
        listPlatforms({ viewer }),
        getPlatform({ viewer, platformId: id }),
        updatePlatform({ viewer, input: { ...platformInput(), platformId: id } }),
        setPlatformEnabled({ viewer, input: { platformId: id, isEnabled: false } }),
        removePlatform({ viewer, input: { platformId: id } }),
        rotateToolKeyAsAdmin({ viewer }),
        createRegistrationInvite({ viewer }),
      ];
      for (const attempt of attempts) assert.ok((await rejection(attempt)) instanceof ForbiddenError);
    }
    assert.equal((await getPlatform({ viewer: admin, platformId: id })).isEnabled, true);
  });
});

describe("changing and removing a platform", () => {
  test("an update replaces the deployments and is audited with what changed", async () => {
    const input = platformInput();
    const { id } = await registerPlatform({ viewer: admin, input });
    const before = await db.ltiDeployment.findFirstOrThrow({ where: { platformId: id, deploymentId: "2:def" } });
    await updatePlatform({
      viewer: admin,
      input: {
        ...input,
        platformId: id,
        name: "Renamed",
        deploymentIds: "2:def\n3:ghi",
        frameOrigins: "https://school.example.edu",
      },
    });
    const platform = await getPlatform({ viewer: admin, platformId: id });
    assert.equal(platform.name, "Renamed");
    assert.deepEqual([...platform.deploymentIds].sort(), ["2:def", "3:ghi"]);
    assert.deepEqual(platform.frameOrigins, ["https://school.example.edu"]);
    const kept = await db.ltiDeployment.findFirstOrThrow({ where: { platformId: id, deploymentId: "2:def" } });
    assert.equal(kept.id, before.id, "a deployment kept keeps its row");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "lti.platform.update", targetId: id } });
    assert.deepEqual((entry.details as { deploymentsRemoved: string[] }).deploymentsRemoved, ["1:abc"]);
    assert.deepEqual((entry.details as { deploymentsAdded: string[] }).deploymentsAdded, ["3:ghi"]);

    const empty = await rejection(
      updatePlatform({ viewer: admin, input: { ...input, platformId: id, deploymentIds: "" } }),
    );
    assert.ok(empty instanceof ValidationError);
    assert.equal((await getPlatform({ viewer: admin, platformId: id })).deploymentIds.length, 2, "nothing changed");
    const missing = await rejection(
      updatePlatform({ viewer: admin, input: { ...input, platformId: "nosuchplatform0" } }),
    );
    assert.ok(missing instanceof NotFoundError);
  });

  test("an update onto another registration's issuer and client id is a field error", async () => {
    const first = platformInput();
    await registerPlatform({ viewer: admin, input: first });
    const second = platformInput();
    const { id } = await registerPlatform({ viewer: admin, input: second });
    const error = await rejection(
      updatePlatform({ viewer: admin, input: { ...second, issuer: first.issuer, platformId: id } }),
    );
    assert.ok(error instanceof ValidationError);
    assert.ok(error.fieldErrors.clientId);
  });

  test("disabling and enabling is recorded once per change", async () => {
    const { id } = await registerPlatform({ viewer: admin, input: platformInput() });
    assert.equal(
      (await setPlatformEnabled({ viewer: admin, input: { platformId: id, isEnabled: "false" } })).isChanged,
      true,
    );
    assert.equal(
      (await setPlatformEnabled({ viewer: admin, input: { platformId: id, isEnabled: false } })).isChanged,
      false,
    );
    assert.equal((await getPlatform({ viewer: admin, platformId: id })).isEnabled, false);
    assert.equal(await db.auditLog.count({ where: { action: "lti.platform.update", targetId: id } }), 1);
  });

  test("an unused platform is removed; one people launched from is refused with the reason", async () => {
    const unused = await registerPlatform({ viewer: admin, input: platformInput() });
    await removePlatform({ viewer: admin, input: { platformId: unused.id } });
    assert.equal(await db.ltiPlatform.count({ where: { id: unused.id } }), 0);
    assert.equal(await db.ltiDeployment.count({ where: { platformId: unused.id } }), 0);
    assert.equal(await db.auditLog.count({ where: { action: "lti.platform.remove", targetId: unused.id } }), 1);

    const used = await registerPlatform({ viewer: admin, input: platformInput() });
    await db.ltiUser.create({
      data: { platformId: used.id, sub: "user-1", userId: learner.id, lastLaunchAt: new Date() },
    });
    const error = await rejection(removePlatform({ viewer: admin, input: { platformId: used.id } }));
    assert.ok(error instanceof ConflictError);
    assert.match(error.message, /disable it instead/);
    const listed = (await listPlatforms({ viewer: admin })).find((platform) => platform.id === used.id);
    assert.equal(listed?.accountCount, 1);
    assert.equal(listed?.contextCount, 0);
  });
});

describe("the tool key", () => {
  test("an admin rotates it: a new current key, the old one still listed, retired, and an audit entry", async () => {
    const before = (await listToolKeys())[0];
    assert.ok(before && before.retiredAt === null);
    const { kid, previousKid } = await rotateToolKeyAsAdmin({ viewer: admin });
    assert.equal(previousKid, before.kid);
    assert.notEqual(kid, previousKid);
    const keys = await listToolKeys();
    assert.equal(keys.find((key) => key.kid === kid)?.retiredAt, null);
    assert.ok(keys.find((key) => key.kid === previousKid)?.retiredAt instanceof Date);
    assert.equal(await db.auditLog.count({ where: { action: "lti.toolkey.rotate", targetId: kid } }), 1);
  });
});

// ---- A platform for dynamic registration, from LTI Dynamic Registration 1.0 §3.4–3.6 ----

interface TestPlatform {
  origin: string;
  configurationUrl: string;
  /** The registration requests it received, with their Authorization header. */
  received: { authorization: string | undefined; contentType: string | undefined; body: Record<string, unknown> }[];
  /** What the registration endpoint answers next: accept, or refuse with 400. */
  mode: "accept" | "refuse";
  close: () => Promise<void>;
}

const REGISTRATION_TOKEN = "platform-registration-token";
const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

async function startTestPlatform(): Promise<TestPlatform> {
  const platform: TestPlatform = {
    origin: "",
    configurationUrl: "",
    received: [],
    mode: "accept",
    close: async () => {},
  };
  let clients = 0;
  const server = http.createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", platform.origin);
      if (request.method === "GET" && url.pathname.endsWith("openid-configuration")) {
        // The impostor's document names another site's issuer as its own.
        const isImpostor = url.pathname === "/impostor/openid-configuration";
        send(200, {
          issuer: isImpostor ? "https://lms.example.edu" : platform.origin,
          authorization_endpoint: `${platform.origin}/lti/auth`,
          token_endpoint: `${platform.origin}/lti/token`,
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
          token_endpoint_auth_signing_alg_values_supported: ["RS256"],
          jwks_uri: `${platform.origin}/lti/certs`,
          registration_endpoint: `${platform.origin}/lti/register`,
          scopes_supported: ["openid", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
          response_types_supported: ["id_token"],
          subject_types_supported: ["public", "pairwise"],
          id_token_signing_alg_values_supported: ["RS256"],
          claims_supported: ["sub", "iss", "name", "email"],
          "https://purl.imsglobal.org/spec/lti-platform-configuration": {
            product_family_code: "moodle",
            version: "4.5",
            messages_supported: [{ type: "LtiResourceLinkRequest" }, { type: "LtiDeepLinkingRequest" }],
          },
        });
        return;
      }
      if (request.method === "POST" && url.pathname === "/lti/register") {
        // §3.5.2: the registration token, when the platform gave one, comes back as a bearer token.
        if (request.headers.authorization !== `Bearer ${REGISTRATION_TOKEN}`) {
          send(401, { error: "invalid_token" });
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        platform.received.push({
          authorization: request.headers.authorization,
          contentType: request.headers["content-type"],
          body,
        });
        if (platform.mode === "refuse") {
          send(400, { error: "invalid_client_metadata", error_description: "redirect_uris not allowed" });
          return;
        }
        clients += 1;
        // §3.6: the registration as received, with the client id and the deployment the platform made.
        send(200, {
          ...body,
          client_id: `client-${clients}`,
          [TOOL_CONFIGURATION]: { ...(body[TOOL_CONFIGURATION] as object), deployment_id: `deployment-${clients}` },
        });
        return;
      }
      send(404, { error: "not_found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  platform.origin = `http://127.0.0.1:${port}`;
  platform.configurationUrl = `${platform.origin}/lti/openid-configuration`;
  platform.close = () => new Promise((resolve) => server.close(() => resolve()));
  return platform;
}

describe("dynamic registration", () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startTestPlatform();
  });
  after(async () => {
    await platform.close();
  });

  test("a link is single use: the platform registers once, with the request the specification asks for", async () => {
    const { token, url } = await createRegistrationInvite({ viewer: admin });
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(url.endsWith(`/lti/register/${token}`));
    const request = { token, openidConfiguration: platform.configurationUrl, registrationToken: REGISTRATION_TOKEN };

    const preview = await startDynamicRegistration(request);
    assert.equal(preview.issuer, platform.origin);
    assert.equal(preview.productFamily, "moodle");
    assert.equal(platform.received.length, 0, "showing the platform registers nothing");

    const registered = await completeDynamicRegistration(request);
    const sent = platform.received.at(-1);
    assert.equal(sent?.contentType, "application/json");
    const body = sent?.body ?? {};
    assert.equal(body.application_type, "web");
    assert.deepEqual(body.response_types, ["id_token"]);
    assert.deepEqual(body.grant_types, ["implicit", "client_credentials"]);
    assert.equal(body.token_endpoint_auth_method, "private_key_jwt");
    assert.match(String(body.initiate_login_uri), /\/lti\/login$/);
    assert.match(String(body.jwks_uri), /\/lti\/jwks$/);
    const launch = (body.redirect_uris as string[])[0] ?? "";
    assert.match(launch, /\/lti\/launch$/);
    assert.deepEqual(String(body.scope).split(" ").sort(), [
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
      "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
      "https://purl.imsglobal.org/spec/lti-ags/scope/score",
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
    ]);
    const tool = body[TOOL_CONFIGURATION] as {
      target_link_uri: string;
      messages: { type: string }[];
      claims: string[];
    };
    assert.equal(tool.target_link_uri, launch);
    assert.deepEqual(
      tool.messages.map((message) => message.type),
      ["LtiDeepLinkingRequest", "LtiResourceLinkRequest"],
    );
    assert.ok(tool.claims.includes("sub") && tool.claims.includes("locale"));

    const saved = await db.ltiPlatform.findUniqueOrThrow({
      where: { id: registered.platformId },
      include: { deployments: true },
    });
    assert.equal(saved.issuer, platform.origin);
    assert.equal(saved.clientId, registered.clientId);
    assert.equal(saved.registeredBy, "DYNAMIC");
    assert.equal(saved.productFamily, "moodle");
    assert.equal(saved.authLoginUrl, `${platform.origin}/lti/auth`);
    assert.equal(saved.accessTokenUrl, `${platform.origin}/lti/token`);
    assert.equal(saved.jwksUrl, `${platform.origin}/lti/certs`);
    assert.deepEqual(saved.frameOrigins, [platform.origin]);
    assert.deepEqual(
      saved.deployments.map((deployment) => deployment.deploymentId),
      [registered.deploymentId],
    );
    const invite = await db.ltiRegistrationInvite.findFirstOrThrow({ where: { platformId: saved.id } });
    assert.ok(invite.usedAt);

    const again = await rejection(completeDynamicRegistration(request));
    assert.ok(again instanceof RegistrationProblem && again.reason === "invite");
    assert.equal(platform.received.length, 1, "a spent link never reaches the platform again");
  });

  test("a refused registration leaves the link usable; the next try registers", async () => {
    const { token } = await createRegistrationInvite({ viewer: admin });
    const request = { token, openidConfiguration: platform.configurationUrl, registrationToken: REGISTRATION_TOKEN };
    platform.mode = "refuse";
    try {
      const refused = await rejection(completeDynamicRegistration(request));
      assert.ok(refused instanceof RegistrationProblem);
      assert.equal(refused.reason, "refused");
      assert.match(refused.detail ?? "", /HTTP 400.*invalid_client_metadata/);
    } finally {
      platform.mode = "accept";
    }
    const invite = await db.ltiRegistrationInvite.findFirstOrThrow({ where: { tokenHash: sha256(token) } });
    assert.equal(invite.usedAt, null);

    // Without the registration token the platform answers 401: refused too, and still nothing spent.
    const unauthorised = await rejection(completeDynamicRegistration({ ...request, registrationToken: null }));
    assert.ok(unauthorised instanceof RegistrationProblem && unauthorised.reason === "refused");

    const registered = await completeDynamicRegistration(request);
    assert.ok(registered.platformId);
  });

  test("an expired link, an unknown one, a bad configuration address, an unreachable platform and a foreign issuer are refused", async () => {
    const now = new Date();
    const { token } = await createRegistrationInvite({
      viewer: admin,
      now: new Date(now.getTime() - INVITE_LIFETIME_MS - 1000),
    });
    const reasonOf = async (promise: Promise<unknown>) => {
      const error = await rejection(promise);
      assert.ok(error instanceof RegistrationProblem, String(error));
      return error.reason;
    };
    const request = { token, openidConfiguration: platform.configurationUrl, registrationToken: REGISTRATION_TOKEN };
    assert.equal(await reasonOf(startDynamicRegistration(request)), "invite");
    assert.equal(await reasonOf(startDynamicRegistration({ ...request, token: "x".repeat(43) })), "invite");

    const fresh = (await createRegistrationInvite({ viewer: admin })).token;
    const base = { ...request, token: fresh };
    assert.equal(await reasonOf(startDynamicRegistration({ ...base, openidConfiguration: null })), "request");
    assert.equal(
      await reasonOf(startDynamicRegistration({ ...base, openidConfiguration: "http://lms.example.edu/config" })),
      "request",
    );
    // A closed port on loopback: nobody answers.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.equal(
      await reasonOf(
        startDynamicRegistration({ ...base, openidConfiguration: `http://127.0.0.1:${closedPort}/config` }),
      ),
      "unreachable",
    );
    assert.equal(
      await reasonOf(startDynamicRegistration({ ...base, openidConfiguration: `${platform.origin}/nothing-here` })),
      "unreachable",
    );
    assert.equal(
      await reasonOf(
        startDynamicRegistration({ ...base, openidConfiguration: `${platform.origin}/impostor/openid-configuration` }),
      ),
      "issuer",
    );
    assert.equal(
      (await db.ltiRegistrationInvite.findFirstOrThrow({ where: { tokenHash: sha256(fresh) } })).usedAt,
      null,
      "no refusal spends the link",
    );
  });

  test("the page the platform opens: confirmation in the browser's language, then the close message", async () => {
    const { token } = await createRegistrationInvite({ viewer: admin });
    const address = new URL(`http://gradient.test/lti/register/${token}`);
    address.searchParams.set("openid_configuration", platform.configurationUrl);
    address.searchParams.set("registration_token", REGISTRATION_TOKEN);
    const context = { params: Promise.resolve({ token }) };

    const shown = await registerPage(
      new Request(address, { headers: { "accept-language": "zh-CN,zh;q=0.9" } }),
      context,
    );
    assert.equal(shown.status, 200);
    const html = await shown.text();
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /确认注册/);
    assert.match(html, new RegExp(`<form method="post" action="/lti/register/${token}"`));
    assert.match(html, /name="registration_token" value="platform-registration-token"/);

    const form = new URLSearchParams({
      openid_configuration: platform.configurationUrl,
      registration_token: REGISTRATION_TOKEN,
    });
    const done = await confirmRegistration(
      new Request(`http://gradient.test/lti/register/${token}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "accept-language": "en",
          // The web server puts the response's nonce here; the close script must carry it.
          "content-security-policy": "script-src 'nonce-dGVzdG5vbmNl'; frame-ancestors 'none'",
        },
        body: form.toString(),
      }),
      context,
    );
    assert.equal(done.status, 200);
    const doneHtml = await done.text();
    assert.match(doneHtml, /Gradient is registered/);
    assert.match(doneHtml, /<script nonce="dGVzdG5vbmNl">/);
    // The platform is on no frame-ancestors list yet: this page lets any site frame it.
    assert.equal(done.headers.get("content-security-policy"), "script-src 'nonce-dGVzdG5vbmNl'; frame-ancestors *");
    assert.match(doneHtml, /postMessage\(\{ subject: "org\.imsglobal\.lti\.close" \}, "\*"\)/);

    const reused = await registerPage(new Request(address, { headers: { "accept-language": "en" } }), context);
    assert.equal(reused.status, 403);
    const reusedHtml = await reused.text();
    assert.match(reusedHtml, /This registration link is not valid/);
    assert.doesNotMatch(reusedHtml, /<script/);
  });
});

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");
