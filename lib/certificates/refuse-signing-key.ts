// For processes that handle learner artefacts (the grading worker, `npm run grade`): they must never
// hold the certificate signing key, so they refuse to start with one and then forbid loading it.
import { hasSigningKeySetting, SIGNING_KEY_VARIABLES } from "../env";
import { forbidSigningKey } from "./signing-key";

export function refuseSigningKey(processName: string, startWithout: string): void {
  if (hasSigningKeySetting()) {
    throw new Error(
      `The ${processName} was given ${SIGNING_KEY_VARIABLES.join(" or ")}. It handles learner artefacts and must ` +
        `never hold the certificate signing key: ${startWithout}`,
    );
  }
  forbidSigningKey(processName);
}
