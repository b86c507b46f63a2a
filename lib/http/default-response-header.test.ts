// The web server's default headers against Next's own way of copying a route handler's headers
// (its sendResponse, on a real socket): the handler's header replaces the default, never joins it.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { sendResponse } from "next/dist/server/send-response";
import { NodeNextRequest, NodeNextResponse } from "next/dist/server/base-http/node";
import { setDefaultHeader } from "./default-response-header";

const SITE_POLICY = "default-src 'self'; form-action 'self'";
const OWN_POLICY = "default-src 'self'; form-action 'self' https://lms.example";
let server: http.Server;
let origin: string;

before(async () => {
  server = http.createServer((request, response) => {
    setDefaultHeader(response, "Content-Security-Policy", SITE_POLICY);
    const headers: Record<string, string> = request.url === "/own" ? { "content-security-policy": OWN_POLICY } : {};
    const answer = new Response("answered", { headers });
    void sendResponse(new NodeNextRequest(request), new NodeNextResponse(response), answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a response without a policy of its own gets the site's", async () => {
  const response = await fetch(`${origin}/plain`);
  assert.equal(response.headers.get("content-security-policy"), SITE_POLICY);
  assert.equal(await response.text(), "answered");
});

test("a route handler's own policy replaces the site's rather than joining it", async () => {
  const response = await fetch(`${origin}/own`);
  assert.equal(response.headers.get("content-security-policy"), OWN_POLICY);
});

test("a header passed to writeHead itself is kept too", async () => {
  const direct = http.createServer((_request, response) => {
    setDefaultHeader(response, "Content-Security-Policy", SITE_POLICY);
    response.writeHead(200, { "content-security-policy": OWN_POLICY }).end("direct");
  });
  await new Promise<void>((resolve) => direct.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(direct.address() as AddressInfo).port}/`);
    assert.equal(response.headers.get("content-security-policy"), OWN_POLICY);
  } finally {
    await new Promise<void>((resolve) => direct.close(() => resolve()));
  }
});
