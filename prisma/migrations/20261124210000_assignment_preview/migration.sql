-- A few training examples per lab version, for the lab page.
ALTER TABLE "AssignmentVersion" ADD COLUMN "preview" JSONB;
