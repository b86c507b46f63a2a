// Test support, imported first by the LTI tests: a tool key file of their own in a fresh folder
// (rotation rewrites it, so it must not be the run's), named before the modules under test are imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { overrideEnvironmentForTest } from "../env";

export const TEST_TOOL_KEY_FILE = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), "gradient-lti-key-")),
  "lti-tool-key.pem",
);
overrideEnvironmentForTest({ LTI_TOOL_KEY_FILE: TEST_TOOL_KEY_FILE, LTI_TOOL_KEY: undefined });
