/** Recorded in every receipt; bump it whenever a change could alter a score. */
export const GRADER_VERSION = "gradient-grader/1.3.0";
