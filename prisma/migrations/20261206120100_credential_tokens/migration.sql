-- Open Badges 3.0 token form. Each learner gets a random credentialSubject.id (a urn:uuid) that names them in
-- credentials without revealing anything about them. The default is volatile, so existing users each get their own.
ALTER TABLE "User" ADD COLUMN "credentialSubjectId" TEXT NOT NULL DEFAULT ('urn:uuid:'::text || (gen_random_uuid())::text);
CREATE UNIQUE INDEX "User_credentialSubjectId_key" ON "User"("credentialSubjectId");

-- The OB 3.0 VC-JWT, signed at issue time beside the VC-JOSE-COSE credentialJwt (null for certificates issued before).
ALTER TABLE "Certificate" ADD COLUMN "obCredentialJwt" TEXT;
