-- A counter per kind of shared, cacheable content. The web server keeps rendered pages that look
-- the same to every anonymous viewer (a certificate's verify page) under the counter's current
-- value and reads it on every request, so any change, by any path, shows on the next request.
CREATE TABLE "CacheVersion" (
    "scope" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CacheVersion_pkey" PRIMARY KEY ("scope")
);

INSERT INTO "CacheVersion" ("scope", "version") VALUES ('certificates', 0);

-- Triggers, not the application, bump it: a status changed by hand in SQL must show too.
-- Prisma's JavaScript migration engine splits scripts at every semicolon, even inside a function
-- body, so the body's semicolons are written as the escape \073.
CREATE FUNCTION "bump_certificates_cache_version"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "CacheVersion" SET "version" = "version" + 1 WHERE "scope" = ''certificates''\073 RETURN NULL\073 END';

CREATE TRIGGER "Certificate_bumps_cache_version"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Certificate"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_certificates_cache_version"();

CREATE TRIGGER "SigningKey_bumps_cache_version"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SigningKey"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_certificates_cache_version"();
