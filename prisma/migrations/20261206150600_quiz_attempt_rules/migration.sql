-- Quizzes that measure something: a cool-down between attempts, variant groups of questions,
-- a per-attempt shuffle seed and answers saved while an attempt is open.
ALTER TABLE "Quiz" ADD COLUMN "cooldownMinutes" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "QuizQuestion" ADD COLUMN "variantGroup" TEXT;

ALTER TABLE "QuizAttempt" ADD COLUMN "shuffleSeed" TEXT,
ADD COLUMN "draftAnswers" JSONB;
