// The test platform's mutable state, shared by its request handlers: the model (people, course,
// links, line items, scores, tools), the launches under way, the tokens it issued, and the
// controls a test sets (a tamper for the next launch, score posts to fail).
import type { PlatformKeys } from "./platform-keys";
import type { Course, LineItem, PlatformUser, ReceivedScore, ResourceLink, ToolRegistration } from "./model";
import type { Tamper } from "./tamper";

/** What a login initiation's lti_message_hint stands for, until the tool's authentication request comes back. */
export interface PendingLaunch {
  kind: "resource-link" | "deep-linking";
  sub: string;
  contextId: string;
  resourceLinkId: string | null;
  clientId: string;
  /** The launch_presentation locale, as the LMS user's language. */
  locale: string;
}

export interface DeepLinkingRequest {
  contextId: string;
  sub: string;
  clientId: string;
  deploymentId: string;
  data: string;
  isAnswered: boolean;
}

export interface AccessToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

/** A launch's final message as the platform posted it, kept so a negative test can post it again. */
export interface PostedLaunch {
  redirectUri: string;
  idToken: string;
  state: string;
}

export class PlatformState {
  readonly users = new Map<string, PlatformUser>();
  readonly courses = new Map<string, Course>();
  readonly resourceLinks = new Map<string, ResourceLink>();
  readonly lineItems = new Map<string, LineItem>();
  readonly scores: ReceivedScore[] = [];
  readonly tools: ToolRegistration[] = [];
  readonly pendingLaunches = new Map<string, PendingLaunch>();
  readonly deepLinkingRequests = new Map<string, DeepLinkingRequest>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly usedAssertionIds = new Set<string>();
  /** Registration tokens handed out by the admin page and not yet used. */
  readonly registrationTokens = new Set<string>();
  /** Every request the platform refused, with why: a journey expects none, a negative test its own. */
  readonly refusals: string[] = [];
  closeMessages = 0;
  lastPostedLaunch: PostedLaunch | null = null;
  nextTamper: Tamper | null = null;
  failingScorePosts = 0;

  constructor(
    readonly base: string,
    readonly keys: PlatformKeys,
  ) {}

  get issuer(): string {
    return this.base;
  }

  readonly urls = {
    jwks: () => `${this.base}/jwks`,
    openidConfiguration: () => `${this.base}/.well-known/openid-configuration`,
    authorization: () => `${this.base}/auth`,
    token: () => `${this.base}/token`,
    registration: () => `${this.base}/register`,
    lineItems: (contextId: string) => `${this.base}/contexts/${encodeURIComponent(contextId)}/lineitems`,
    lineItem: (contextId: string, id: string) =>
      `${this.base}/contexts/${encodeURIComponent(contextId)}/lineitems/${encodeURIComponent(id)}`,
    memberships: (contextId: string) => `${this.base}/contexts/${encodeURIComponent(contextId)}/memberships`,
    deepLinkReturn: (requestId: string) => `${this.base}/deep-link-return/${encodeURIComponent(requestId)}`,
    coursePage: (contextId: string) => `${this.base}/course/${encodeURIComponent(contextId)}`,
  };

  toolByClientId(clientId: string): ToolRegistration | undefined {
    return this.tools.find((tool) => tool.clientId === clientId);
  }

  /** The tool the LMS pages launch: the one registered last. */
  currentTool(): ToolRegistration | undefined {
    return this.tools.at(-1);
  }

  refuse(reason: string): string {
    this.refusals.push(reason);
    return reason;
  }
}
