// Verification inside the platform: keys from the SigningKey table (what the JWKS publishes) and
// status lists built and signed on the spot (what /status/<purpose> serves), checked by the same
// verifier a stranger runs, so the verdict never rests on the certificate row alone.
import { findPublishedKey } from "./list-published-keys";
import { getStatusListJwt } from "./get-status-list";
import { STATUS_PURPOSES } from "./status-list";
import { verifyCredential, type Verdict, type VerificationSources } from "./verify-credential";

function localSources(): VerificationSources {
  return {
    resolveKey: findPublishedKey,
    async fetchStatusList(url) {
      const purpose = STATUS_PURPOSES.find((candidate) => new URL(url).pathname === `/status/${candidate}`);
      if (!purpose) throw new Error(`${url} is not a status list of this platform`);
      return getStatusListJwt(purpose, url);
    },
  };
}

export function verifyLocally(input: string): Promise<Verdict> {
  return verifyCredential(input, localSources());
}
