-- The credential with its embedded eddsa-rdfc-2022 Data Integrity proof, beside the VC-JOSE-COSE
-- JWT. Null for certificates issued before embedded proofs: they keep verifying by their JWT.
ALTER TABLE "Certificate" ADD COLUMN "credential" JSONB;
