// Numbers the similarity pages and the job share; the winnowing parameters live in compare-files.ts.

/** A pair scoring at or above it is clustered and shown as likely copied; the instructor may pick another per analysis. */
export const SIMILARITY_THRESHOLD = 0.5;
/** Pairs on one page of the ranked list. */
export const PAIRS_PER_PAGE = 25;
/** An uploaded archive: its size, how many files it may hold, and the largest file read from it. */
export const MAX_ARCHIVE_BYTES = 5 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 500;
export const MAX_ARCHIVE_FILE_BYTES = 200 * 1024;
/** What the kept files may add up to once inflated: they are stored with the analysis. */
export const MAX_ARCHIVE_CODE_BYTES = 20 * 1024 * 1024;
