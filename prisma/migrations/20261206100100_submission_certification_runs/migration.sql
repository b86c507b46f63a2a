-- Certification over several seeds: each graded attempt's training runs (seed, metric, times), its
-- rule, and the runs' mean with its 95% interval. Null for submissions graded before runs were
-- recorded, which the pages read as one run.
ALTER TABLE "Submission" ADD COLUMN "certification" JSONB;
