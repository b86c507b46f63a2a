import assert from "node:assert/strict";
import { test } from "node:test";
import { negotiateCredentialForm, negotiateStatusListForm } from "./credential-media-types";

test("the embedded-proof JSON is the default, and each JSON type is answered as asked", () => {
  assert.deepEqual(negotiateCredentialForm(null), { form: "embedded-proof", mediaType: "application/ld+json" });
  assert.deepEqual(negotiateCredentialForm("*/*"), { form: "embedded-proof", mediaType: "application/ld+json" });
  assert.deepEqual(negotiateCredentialForm("text/html,application/xhtml+xml,*/*;q=0.8").form, "embedded-proof");
  for (const type of ["application/ld+json", "application/vc", "application/json"])
    assert.deepEqual(negotiateCredentialForm(type), { form: "embedded-proof", mediaType: type });
});

test("application/vc+jwt gets the VC-JOSE-COSE token, unless JSON is preferred", () => {
  assert.deepEqual(negotiateCredentialForm("application/vc+jwt"), { form: "jwt", mediaType: "application/vc+jwt" });
  assert.equal(negotiateCredentialForm("application/vc+jwt;q=0.5, application/ld+json").form, "embedded-proof");
  assert.equal(negotiateCredentialForm("application/vc+jwt, application/json;q=0.1").form, "jwt");
});

test("application/jwt gets the Open Badges 3.0 token of a credential; a status list has no such form", () => {
  assert.deepEqual(negotiateCredentialForm("application/jwt"), { form: "ob-jwt", mediaType: "application/jwt" });
  assert.equal(negotiateCredentialForm("application/jwt, application/vc+jwt;q=0.9").form, "ob-jwt");
  assert.equal(negotiateStatusListForm("application/jwt").form, "embedded-proof");
  assert.deepEqual(negotiateStatusListForm("application/vc+jwt"), { form: "jwt", mediaType: "application/vc+jwt" });
});
