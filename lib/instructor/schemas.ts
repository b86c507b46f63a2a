// The instructor workspace's inputs: list filters from the URL and the forms' fields. Each is
// parsed with parseInput, so a wrong value comes back as a message on its own field.
import { z } from "zod";

/** Form fields arrive as "" when left empty; that means "not given". */
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

const STATUSES = ["QUEUED", "RUNNING", "PASSED", "FAILED", "ERROR"] as const;

const DaySchema = z.preprocess(blank, z.iso.date({ error: "Use a date like 2026-01-31." }).optional());
const ScoreSchema = z.preprocess(
  blank,
  z.coerce
    .number({ error: "Enter a number, like 0.85." })
    .refine(Number.isFinite, "Enter a number, like 0.85.")
    .optional(),
);

export const SubmissionFiltersSchema = z
  .object({
    /** Part of a learner's name or email. */
    learner: z.preprocess(blank, z.string().trim().max(100, "Keep the search under 100 characters.").optional()),
    status: z.preprocess(blank, z.enum(STATUSES, { error: "Choose one of the listed statuses." }).optional()),
    /** Lowest score shown, inclusive, in the lab metric's own units. */
    minScore: ScoreSchema,
    /** Highest score shown, inclusive. */
    maxScore: ScoreSchema,
    /** First day (UTC) of submission, inclusive. */
    from: DaySchema,
    /** Last day (UTC) of submission, inclusive. */
    to: DaySchema,
    page: z.preprocess(
      blank,
      z.coerce
        .number({ error: "Pages are numbered from 1." })
        .int("Pages are numbered from 1.")
        .min(1, "Pages are numbered from 1.")
        .max(100_000)
        .default(1),
    ),
  })
  .superRefine((filters, context) => {
    if (filters.minScore !== undefined && filters.maxScore !== undefined && filters.minScore > filters.maxScore) {
      context.addIssue({
        code: "custom",
        path: ["maxScore"],
        message: "The highest score must not be below the lowest.",
      });
    }
    if (filters.from && filters.to && filters.from > filters.to) {
      context.addIssue({ code: "custom", path: ["to"], message: "The last day must not be before the first." });
    }
  });
export type SubmissionFilters = z.infer<typeof SubmissionFiltersSchema>;

const ReasonSchema = z
  .string({ error: "Say why." })
  .trim()
  .min(3, "Say why, in a few words; learners and other instructors read it in the audit log.")
  .max(500, "Keep the reason under 500 characters.");

export const RegradeInputSchema = z.object({
  /** Why the work is graded again; kept in the audit log. */
  reason: ReasonSchema,
});

/** A date and time from a datetime-local field (read as UTC) or a full ISO 8601 timestamp. */
const DeadlineSchema = z.preprocess(
  (value) => {
    const given = blank(value);
    return typeof given === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(given) ? `${given}:00Z` : given;
  },
  z.iso
    .datetime({ offset: true, error: "Use a date and time, like 2026-01-31T18:00." })
    .transform((text) => new Date(text))
    .refine((date) => date.getTime() > Date.now(), "Choose a deadline in the future.")
    .optional(),
);

export const ExtensionInputSchema = z
  .object({
    /** The learner who gets the extension. */
    learnerId: z.string({ error: "Choose a learner." }).regex(/^[a-z0-9]{10,40}$/, "Choose a learner."),
    /** Their own deadline for this lab, replacing the lab's and the course's. */
    deadline: DeadlineSchema,
    /** Attempts added to the lab's limit for them. */
    extraAttempts: z.preprocess(
      (value) => blank(value) ?? 0,
      z.coerce
        .number({ error: "Enter a whole number." })
        .int("Enter a whole number.")
        .min(0, "Extra attempts cannot be negative.")
        .max(100, "Grant at most 100 extra attempts."),
    ),
    /** Why the extension was granted; shown in the audit log. */
    reason: ReasonSchema,
  })
  .refine((input) => input.deadline !== undefined || input.extraAttempts > 0, {
    path: ["deadline"],
    message: "Give a later deadline, extra attempts, or both.",
  });
export type ExtensionInput = z.infer<typeof ExtensionInputSchema>;

export const RevokeExtensionInputSchema = z.object({
  learnerId: z.string().regex(/^[a-z0-9]{10,40}$/, "Choose a learner."),
});

export const AuditPageSchema = z.object({
  /** A page number edited into something else in the URL shows the first page rather than an error. */
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)).catch(1),
});
