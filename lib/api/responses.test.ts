import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ErrorResponseSchema } from "./schemas";
import { otherMethods } from "./responses";

describe("otherMethods", () => {
  it("answers the methods a route does not serve with 405, an Allow header and a message", async () => {
    const handlers = otherMethods("GET");
    assert.deepEqual(Object.keys(handlers).sort(), ["DELETE", "PATCH", "POST", "PUT"]);
    const response = handlers.POST();
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET, HEAD, OPTIONS");
    const { error } = ErrorResponseSchema.parse(await response.json());
    assert.equal(error.code, "method_not_allowed");
    assert.match(error.message, /GET requests only/);
    assert.equal(otherMethods("POST").GET().headers.get("allow"), "POST, OPTIONS");
  });
});
