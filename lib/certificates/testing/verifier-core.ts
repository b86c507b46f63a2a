// Test support: runs @digitalcredentials/verifier-core on one credential (./verifier-core-verify.ts,
// in a child process whose network reaches `appOrigin` only) and reads its outcome. Asynchronous,
// so a test may answer the verifier's requests from a server in its own process meanwhile.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** verifier-core's schema check looks up 1EdTech's JSON Schema on the internet; it is refused, and only reported. */
export const SCHEMA_LOOKUP = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/schema\//;

export interface VerifierCoreOutcome {
  result: { errors?: { name: string; message: string }[]; log?: { id: string; valid: boolean }[] };
  /** Every URL and host name the verifier asked for, in order. */
  requested: string[];
}

/** Paths from the repository root: the unit runner and Playwright both run there. */
const TSX = path.resolve("node_modules", ".bin", "tsx");
const VERIFY_SCRIPT = path.resolve("lib", "certificates", "testing", "verifier-core-verify.ts");

export async function verifyWithVerifierCore(credential: object, appOrigin: string): Promise<VerifierCoreOutcome> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-verifier-core-"));
  const file = path.join(folder, "credential.json");
  fs.writeFileSync(file, JSON.stringify(credential));
  try {
    const { stdout } = await promisify(execFile)(TSX, [VERIFY_SCRIPT, file, appOrigin], {
      encoding: "utf8",
      timeout: 60_000,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null") as VerifierCoreOutcome;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Whether one of verifier-core's checks passed (undefined when it did not run). */
export function verifierCoreStep(outcome: VerifierCoreOutcome, id: string): boolean | undefined {
  return outcome.result.log?.find((entry) => entry.id === id)?.valid;
}

/** What the verifier asked for outside the app's origin, besides the refused schema lookup. */
export function requestsElsewhere(outcome: VerifierCoreOutcome, appOrigin: string): string[] {
  return outcome.requested.filter(
    (url) =>
      !url.startsWith(`${appOrigin}/`) && !SCHEMA_LOOKUP.test(url) && url !== `dns:${new URL(appOrigin).hostname}`,
  );
}
