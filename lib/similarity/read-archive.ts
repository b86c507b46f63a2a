// An uploaded .zip of earlier solutions, read in memory with fflate: nothing from it reaches a file
// path or a shell. Only .js/.ts files are kept, each as its path (a label, never opened) and its text.
import { z } from "zod";
import { unzipSync, type UnzipFileInfo } from "fflate";
import { ValidationError } from "../errors";
import {
  MAX_ARCHIVE_BYTES,
  MAX_ARCHIVE_CODE_BYTES,
  MAX_ARCHIVE_ENTRIES,
  MAX_ARCHIVE_FILE_BYTES,
} from "./similarity-constants";

/** An analysis's archive as stored (SimilarityAnalysis.archiveFiles). */
export const ArchiveFilesSchema = z.array(
  z.object({
    /** The path inside the archive: a label, never opened. */
    path: z.string(),
    code: z.string(),
  }),
);
export type ArchiveFile = z.infer<typeof ArchiveFilesSchema>[number];

const CODE_FILE = /\.(?:[cm]?js|[cm]?ts)$/i;
/** Folders zip tools add beside the files (macOS resource forks); never learners' code. */
const TOOL_FOLDER = /(?:^|\/)__MACOSX\//;

function refuse(message: string): never {
  throw new ValidationError("Please correct the highlighted fields.", { archive: [message] });
}

function isUnsafePath(name: string): boolean {
  return (
    name.startsWith("/") ||
    name.includes("\\") ||
    name.includes("\0") ||
    /^[a-z]:/i.test(name) ||
    name.split("/").some((segment) => segment === "..")
  );
}

/** The .js/.ts files of `bytes` (a zip archive), or a ValidationError on the "archive" field. */
export function readArchive(bytes: Uint8Array): ArchiveFile[] {
  if (bytes.byteLength > MAX_ARCHIVE_BYTES) refuse("The archive is larger than 5 MB.");
  let entries = 0;
  let keptBytes = 0;
  let unsafe: string | null = null;
  const keep = (file: UnzipFileInfo): boolean => {
    entries += 1;
    if (isUnsafePath(file.name)) unsafe ??= file.name;
    if (entries > MAX_ARCHIVE_ENTRIES || unsafe !== null) return false;
    const isKept =
      CODE_FILE.test(file.name) && !TOOL_FOLDER.test(file.name) && file.originalSize <= MAX_ARCHIVE_FILE_BYTES;
    // fflate inflates each kept file into a buffer of its declared size, so these sums bound the memory.
    if (isKept) keptBytes += file.originalSize;
    return isKept && keptBytes <= MAX_ARCHIVE_CODE_BYTES;
  };
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, { filter: keep });
  } catch {
    refuse("This is not a zip archive that can be read.");
  }
  if (unsafe !== null) refuse("The archive holds a path that leaves its folder (.. or an absolute path).");
  if (entries > MAX_ARCHIVE_ENTRIES) refuse("The archive holds too many files.");
  if (keptBytes > MAX_ARCHIVE_CODE_BYTES) refuse("The archive's code adds up to more than 20 MB.");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const files: ArchiveFile[] = [];
  for (const [path, content] of Object.entries(unzipped)) {
    // The declared size was checked before inflating; the real one is checked here, in case it lied.
    if (content.byteLength > MAX_ARCHIVE_FILE_BYTES) continue;
    try {
      files.push({ path, code: decoder.decode(content) });
    } catch {
      continue;
    }
  }
  if (files.length === 0) refuse("The archive holds no .js or .ts files.");
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
