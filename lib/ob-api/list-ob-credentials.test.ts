import assert from "node:assert/strict";
import { test } from "node:test";
import { CredentialsQuerySchema, paginationLinks } from "./list-ob-credentials";

const PAGE = new URL("https://gradient.example/ims/ob/v3p0/credentials");

function relations(header: string): Record<string, string> {
  return Object.fromEntries(
    header.split(", ").map((link) => {
      const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(link) ?? [];
      return [rel ?? "", new URL(url ?? "").searchParams.get("offset") ?? ""];
    }),
  );
}

test("the first page of several has first, last and next, and no prev", () => {
  assert.deepEqual(relations(paginationLinks(PAGE, { limit: 2, offset: 0 }, 5)), { first: "0", last: "4", next: "2" });
});

test("a middle page has all four relations", () => {
  assert.deepEqual(relations(paginationLinks(PAGE, { limit: 2, offset: 2 }, 5)), {
    first: "0",
    last: "4",
    next: "4",
    prev: "0",
  });
});

test("the last page has no next; an empty list still names first and last", () => {
  assert.deepEqual(relations(paginationLinks(PAGE, { limit: 2, offset: 4 }, 5)), { first: "0", last: "4", prev: "2" });
  assert.deepEqual(relations(paginationLinks(PAGE, { limit: 20, offset: 0 }, 0)), { first: "0", last: "0" });
});

test("an offset past the end points prev at the last page", () => {
  assert.equal(relations(paginationLinks(PAGE, { limit: 2, offset: 10 }, 5)).prev, "4");
});

test("limit and offset are checked: whole numbers, limit 1 to 100", () => {
  assert.deepEqual(CredentialsQuerySchema.parse({}), { limit: 20, offset: 0 });
  for (const bad of [
    { limit: "0" },
    { limit: "101" },
    { limit: "1.5" },
    { offset: "-1" },
    { limit: "x" },
    { since: "yesterday" },
  ])
    assert.equal(CredentialsQuerySchema.safeParse(bad).success, false, JSON.stringify(bad));
});
