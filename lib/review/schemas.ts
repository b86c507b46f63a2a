// The inputs of the review desk's actions, validated in lib/ before anything is read or written.
import { z } from "zod";

export const IdSchema = z.string().regex(/^[a-z0-9]{10,40}$/, "not a valid id");
export const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "not a valid slug");

/** The longest reason or answer a regrade request carries. */
export const MAX_REASON_LENGTH = 1000;

/** A rubric grade as the grading form sends it: points and a note per criterion key. */
export const SaveRubricGradeInputSchema = z.object({
  scores: z.record(
    SlugSchema,
    z.object({
      points: z.coerce.number({ error: "enter a number" }).min(0, "points cannot be negative").max(1000),
      comment: z.string().trim().max(2000, "at most 2000 characters").default(""),
    }),
  ),
});

export const SaveReviewCommentInputSchema = z.object({
  /** Absent for a new comment. */
  commentId: IdSchema.optional(),
  line: z.coerce.number().int("a line number").min(1, "a line number").max(100_000),
  body: z.string().trim().min(1, "write a comment").max(4000, "at most 4000 characters"),
});

export const DeleteReviewCommentInputSchema = z.object({ commentId: IdSchema });

export const ConfirmInputSchema = z.object({ isConfirmed: z.literal(true) });

export const RequestRegradeInputSchema = z.object({
  submissionId: IdSchema,
  /** A rubric criterion's key, or "" for the whole graded attempt. */
  criterionKey: z.union([z.literal(""), SlugSchema]).default(""),
  reason: z
    .string()
    .trim()
    .min(10, "say why in at least 10 characters")
    .max(MAX_REASON_LENGTH, `at most ${MAX_REASON_LENGTH} characters`),
});

export const AnswerRegradeRequestInputSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("regrade"),
    answer: z.string().trim().max(MAX_REASON_LENGTH).default(""),
  }),
  z.object({
    decision: z.literal("score"),
    points: z.coerce.number({ error: "enter a number" }).min(0, "points cannot be negative").max(1000),
    answer: z.string().trim().max(MAX_REASON_LENGTH).default(""),
  }),
  z.object({
    decision: z.literal("decline"),
    answer: z
      .string()
      .trim()
      .min(1, "say why the request is declined")
      .max(MAX_REASON_LENGTH, `at most ${MAX_REASON_LENGTH} characters`),
  }),
]);
export type AnswerRegradeRequestInput = z.infer<typeof AnswerRegradeRequestInputSchema>;
