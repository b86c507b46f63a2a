// Where `npm install` leaves the native engine, and what it recorded about the build: the addon's
// sha256 (the grader lets exactly that file load inside the sandbox) and its library, or the one
// line that says why there is no native engine on this machine.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const ADDON_DIR = path.join(import.meta.dirname, "addon");
export const ADDON_FILE = path.join(ADDON_DIR, "build/Release/gradient_native.node");
const STATUS_FILE = path.join(ADDON_DIR, "build/engine.json");

const BuildStatusSchema = z.discriminatedUnion("isBuilt", [
  z.object({
    isBuilt: z.literal(true),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** What the addon's library() said right after the build. */
    library: z.string().min(1),
  }),
  z.object({ isBuilt: z.literal(false), reason: z.string().min(1) }),
]);
export type NativeBuildStatus = z.infer<typeof BuildStatusSchema>;

export function writeNativeBuildStatus(status: NativeBuildStatus): void {
  fs.mkdirSync(path.dirname(STATUS_FILE), { recursive: true });
  fs.writeFileSync(STATUS_FILE, `${JSON.stringify(BuildStatusSchema.parse(status), null, 2)}\n`);
}

/** The build's record; a checkout where `npm install` has not run yet has none. */
export function readNativeBuildStatus(): NativeBuildStatus {
  let text: string;
  try {
    text = fs.readFileSync(STATUS_FILE, "utf8");
  } catch {
    return { isBuilt: false, reason: "npm install has not built the native engine in this checkout" };
  }
  const parsed = BuildStatusSchema.safeParse(JSON.parse(text));
  if (!parsed.success) return { isBuilt: false, reason: `${STATUS_FILE} is not a build record; run npm install` };
  if (parsed.data.isBuilt && !fs.existsSync(ADDON_FILE))
    return { isBuilt: false, reason: "the native engine's addon file is missing; run npm install" };
  return parsed.data;
}
