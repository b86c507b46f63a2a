-- LTI 1.3 Advantage: registered platforms and their deployments, launch states, the accounts and
-- course contexts launches bring, placements (resource links), NRPS rosters, AGS score posts, the
-- tool's public keys, deep linking requests, first-party session tickets and dynamic registration links.
CREATE TYPE "LtiRegistrationKind" AS ENUM ('MANUAL', 'DYNAMIC');
CREATE TYPE "LtiTargetKind" AS ENUM ('COURSE', 'LAB', 'QUIZ', 'EXAM');
CREATE TYPE "LtiScoreState" AS ENUM ('PENDING', 'SENT', 'FAILED');

CREATE TABLE "LtiPlatform" (
    "id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "authLoginUrl" TEXT NOT NULL,
    "accessTokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "authServer" TEXT,
    "frameOrigins" TEXT[],
    "registeredBy" "LtiRegistrationKind" NOT NULL DEFAULT 'MANUAL',
    "productFamily" TEXT,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiPlatform_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiDeployment" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiDeployment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiLaunchState" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "targetLinkUri" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "LtiLaunchState_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiUser" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLaunchAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiUser_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiContext" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "title" TEXT,
    "label" TEXT,
    "membershipsUrl" TEXT,
    "lineItemsUrl" TEXT,
    "agsScopes" TEXT[],
    "rosterSyncedAt" TIMESTAMP(3),
    "rosterError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiContext_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiResourceLink" (
    "id" TEXT NOT NULL,
    "ltiContextId" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "title" TEXT,
    "courseId" TEXT NOT NULL,
    "targetKind" "LtiTargetKind" NOT NULL,
    "targetId" TEXT,
    "lineItemUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiResourceLink_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiRosterMember" (
    "id" TEXT NOT NULL,
    "ltiContextId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "roles" TEXT[],
    "status" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiRosterMember_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiScorePost" (
    "id" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scoreGiven" DOUBLE PRECISION,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "comment" TEXT,
    "activityProgress" TEXT NOT NULL,
    "gradingProgress" TEXT NOT NULL,
    "state" "LtiScoreState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiScorePost_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiToolKey" (
    "id" TEXT NOT NULL,
    "kid" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "LtiToolKey_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiDeepLinkRequest" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ltiContextId" TEXT,
    "settings" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "LtiDeepLinkRequest_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiSessionTicket" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "targetPath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "LtiSessionTicket_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LtiRegistrationInvite" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "platformId" TEXT,

    CONSTRAINT "LtiRegistrationInvite_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "LtiPlatform_issuer_clientId_key" ON "LtiPlatform"("issuer", "clientId");
CREATE UNIQUE INDEX "LtiDeployment_platformId_deploymentId_key" ON "LtiDeployment"("platformId", "deploymentId");
CREATE UNIQUE INDEX "LtiLaunchState_stateHash_key" ON "LtiLaunchState"("stateHash");
CREATE INDEX "LtiLaunchState_expiresAt_idx" ON "LtiLaunchState"("expiresAt");
CREATE UNIQUE INDEX "LtiUser_platformId_sub_key" ON "LtiUser"("platformId", "sub");
CREATE INDEX "LtiUser_userId_idx" ON "LtiUser"("userId");
CREATE UNIQUE INDEX "LtiContext_platformId_contextId_key" ON "LtiContext"("platformId", "contextId");
CREATE UNIQUE INDEX "LtiResourceLink_ltiContextId_resourceLinkId_key" ON "LtiResourceLink"("ltiContextId", "resourceLinkId");
CREATE INDEX "LtiResourceLink_courseId_idx" ON "LtiResourceLink"("courseId");
CREATE UNIQUE INDEX "LtiRosterMember_ltiContextId_sub_key" ON "LtiRosterMember"("ltiContextId", "sub");
CREATE UNIQUE INDEX "LtiScorePost_resourceLinkId_userId_key" ON "LtiScorePost"("resourceLinkId", "userId");
CREATE INDEX "LtiScorePost_state_updatedAt_idx" ON "LtiScorePost"("state", "updatedAt");
CREATE UNIQUE INDEX "LtiToolKey_kid_key" ON "LtiToolKey"("kid");
CREATE UNIQUE INDEX "LtiSessionTicket_tokenHash_key" ON "LtiSessionTicket"("tokenHash");
CREATE UNIQUE INDEX "LtiRegistrationInvite_tokenHash_key" ON "LtiRegistrationInvite"("tokenHash");

ALTER TABLE "LtiDeployment" ADD CONSTRAINT "LtiDeployment_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiLaunchState" ADD CONSTRAINT "LtiLaunchState_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiUser" ADD CONSTRAINT "LtiUser_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiUser" ADD CONSTRAINT "LtiUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_ltiContextId_fkey" FOREIGN KEY ("ltiContextId") REFERENCES "LtiContext"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiRosterMember" ADD CONSTRAINT "LtiRosterMember_ltiContextId_fkey" FOREIGN KEY ("ltiContextId") REFERENCES "LtiContext"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiScorePost" ADD CONSTRAINT "LtiScorePost_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "LtiResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiScorePost" ADD CONSTRAINT "LtiScorePost_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiDeepLinkRequest" ADD CONSTRAINT "LtiDeepLinkRequest_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiDeepLinkRequest" ADD CONSTRAINT "LtiDeepLinkRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiSessionTicket" ADD CONSTRAINT "LtiSessionTicket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
