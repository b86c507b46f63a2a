-- The version of what a lesson page shows every reader alike (the course's title and lessons, the
-- lesson itself), for the web server's shared copies of lesson pages (see CacheVersion).
INSERT INTO "CacheVersion" ("scope", "version") VALUES ('content', 0);

-- Prisma's JavaScript migration engine splits scripts at every semicolon, even inside a function
-- body, so the body's semicolons are written as the escape \073.
CREATE FUNCTION "bump_content_cache_version"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "CacheVersion" SET "version" = "version" + 1 WHERE "scope" = ''content''\073 RETURN NULL\073 END';

CREATE TRIGGER "Course_bumps_cache_version"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Course"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_cache_version"();

CREATE TRIGGER "Lesson_bumps_cache_version"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Lesson"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_cache_version"();
