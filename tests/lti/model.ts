// What the test platform knows: its people, its courses (LTI contexts) with their deployment,
// the resource links placed in them, the line items and the scores received, and the tools
// registered with it. Plain in-memory records: each test starts a platform of its own.
import crypto from "node:crypto";

export type CourseRole = "instructor" | "learner";

export interface PlatformUser {
  /** The platform's stable, opaque id of the person (the id_token's sub, NRPS user_id, AGS userId). */
  sub: string;
  givenName: string;
  familyName: string;
  email: string;
}

export interface Course {
  /** The LTI context id. */
  contextId: string;
  title: string;
  label: string;
  members: Array<{ sub: string; role: CourseRole }>;
}

export interface ResourceLink {
  id: string;
  contextId: string;
  title: string;
  /** The target_link_uri its launches carry; the tool's default launch URL when the item named none. */
  url: string | null;
  custom: Record<string, string>;
  /** The line item created with it, when the content item asked for one. */
  lineItemId: string | null;
}

export interface LineItem {
  id: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
}

/** A score as the platform recorded it from an AGS score POST (AGS 2.0 §3.4). */
export interface ReceivedScore {
  lineItemId: string;
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
  receivedAt: Date;
}

/** A tool registered with the platform: by hand, or by LTI Dynamic Registration. */
export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  name: string;
  initiateLoginUri: string;
  redirectUris: string[];
  jwksUri: string;
  /** The default launch URL (the tool configuration's target_link_uri). */
  targetLinkUri: string;
  /** Where deep linking requests launch, when the tool named one of its own. */
  deepLinkingUri: string | null;
  /** Scopes the tool asked for and the platform allows; its access tokens carry no others. */
  scopes: string[];
  registeredBy: "hand" | "dynamic";
  /** The client registration request as the tool sent it (dynamic registration only). */
  request?: unknown;
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(6).toString("hex")}`;
}

export function fullName(user: PlatformUser): string {
  return `${user.givenName} ${user.familyName}`;
}
