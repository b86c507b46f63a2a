// A learning platform for the tests, written from 1EdTech's LTI 1.3 Core, Security Framework,
// Deep Linking 2.0, AGS 2.0, NRPS 2.0 and Dynamic Registration 1.0 (never from Gradient's code):
// a node:http server on a random port, reached as http://localhost:<port> while Gradient runs at
// 127.0.0.1, so the tool runs third-party in the LMS page's iframe as it would in a real LMS.
// Each platform has an issuer of its own (a random path), so every test run registers anew.
import crypto from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { lineItemJson } from "./ags";
import { refusalPage } from "./launch-flow";
import { routeRequest } from "./router";
import {
  newId,
  type Course,
  type CourseRole,
  type PlatformUser,
  type ReceivedScore,
  type ResourceLink,
  type ToolRegistration,
} from "./model";
import { createPlatformKeys } from "./platform-keys";
import { PlatformState } from "./platform-state";
import type { Tamper } from "./tamper";
import { SCOPES } from "./vocabulary";

export interface PlatformPerson extends PlatformUser {
  role: CourseRole;
}

/** The people of the platform's course: an instructor, a learner who launches, and two who never do. */
function peopleOf(tag: string): PlatformPerson[] {
  const person = (role: CourseRole, givenName: string, familyName: string, key: string): PlatformPerson => ({
    sub: `${key}-${tag}`,
    givenName,
    familyName,
    email: `${key}-${tag}@lms.example`,
    role,
  });
  return [
    person("instructor", "Ines", `Instructor ${tag}`, "instructor"),
    person("learner", "Lena", `Learner ${tag}`, "learner"),
    person("learner", "Nora", `Never-Launched ${tag}`, "never-launched"),
    person("learner", "Pavel", `Paged ${tag}`, "paged"),
  ];
}

export class TestPlatform {
  readonly people: PlatformPerson[];
  readonly course: Course;

  private constructor(
    private readonly servers: http.Server[],
    readonly state: PlatformState,
    readonly tag: string,
  ) {
    this.people = peopleOf(tag);
    for (const person of this.people) state.users.set(person.sub, person);
    this.course = {
      contextId: `course-${tag}`,
      title: `Machine learning ${tag}`,
      label: `ML-${tag}`,
      members: this.people.map((person) => ({ sub: person.sub, role: person.role })),
    };
    state.courses.set(this.course.contextId, this.course);
  }

  /** Starts a platform on a free port of 127.0.0.1 (and ::1 when the host has it), addressed as localhost. */
  static async start(): Promise<TestPlatform> {
    const tag = crypto.randomBytes(3).toString("hex");
    const keys = await createPlatformKeys();
    // The handler exists before the platform it serves: the port is known only once it listens.
    const started: { platform?: TestPlatform } = {};
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      const platform = started.platform;
      if (!platform) return void response.writeHead(503).end();
      routeRequest(platform.state, request, response).catch((error: unknown) => {
        platform.state.refuse(`internal error: ${String(error)}`);
        if (!response.headersSent) refusalPage(response, 500, `The test LMS failed: ${String(error)}`);
        else response.end();
      });
    };
    const ipv4 = http.createServer(handler);
    await new Promise<void>((resolve) => ipv4.listen(0, "127.0.0.1", resolve));
    const { port } = ipv4.address() as AddressInfo;
    const servers = [ipv4];
    const ipv6 = http.createServer(handler);
    // Browsers may try ::1 first for localhost; a host without IPv6 just does not get the second listener.
    const hasIpv6 = await new Promise<boolean>((resolve) => {
      ipv6.once("error", () => resolve(false));
      ipv6.listen(port, "::1", () => resolve(true));
    });
    if (hasIpv6) servers.push(ipv6);
    const platform = new TestPlatform(servers, new PlatformState(`http://localhost:${port}/lms-${tag}`, keys), tag);
    started.platform = platform;
    return platform;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }

  get issuer(): string {
    return this.state.issuer;
  }

  get origin(): string {
    return new URL(this.state.base).origin;
  }

  /** What an admin copies into a tool's registration form. */
  get endpoints() {
    return {
      issuer: this.issuer,
      authorization: this.state.urls.authorization(),
      token: this.state.urls.token(),
      jwks: this.state.urls.jwks(),
      openidConfiguration: this.state.urls.openidConfiguration(),
    };
  }

  person(role: CourseRole, index = 0): PlatformPerson {
    const found = this.people.filter((person) => person.role === role)[index];
    if (!found) throw new Error(`no ${role} number ${index}`);
    return found;
  }

  get instructor(): PlatformPerson {
    return this.person("instructor");
  }

  get learner(): PlatformPerson {
    return this.person("learner");
  }

  get neverLaunched(): PlatformPerson {
    return this.person("learner", 1);
  }

  /** Adds a person to the course, e.g. a fresh learner for one negative case. */
  addLearner(label: string): PlatformPerson {
    const person: PlatformPerson = {
      sub: newId(`learner-${label}`),
      givenName: "Test",
      familyName: `${label} ${this.tag}`,
      email: `${label}-${this.tag}@lms.example`,
      role: "learner",
    };
    this.people.push(person);
    this.state.users.set(person.sub, person);
    this.course.members.push({ sub: person.sub, role: "learner" });
    return person;
  }

  /** Places a link to the tool by hand (an LMS's "external tool" item with a URL), without a line item. */
  addResourceLink(title: string, url: string): ResourceLink {
    const link: ResourceLink = {
      id: newId("link"),
      contextId: this.course.contextId,
      title,
      url,
      custom: {},
      lineItemId: null,
    };
    this.state.resourceLinks.set(link.id, link);
    return link;
  }

  /** Registers a tool the way an LMS admin pastes its URLs in. */
  registerToolByHand(tool: {
    loginUrl: string;
    launchUrl: string;
    jwksUrl: string;
    deepLinkingUrl?: string;
  }): ToolRegistration {
    const registration: ToolRegistration = {
      clientId: newId("client"),
      deploymentId: newId("deployment"),
      name: "Gradient",
      initiateLoginUri: tool.loginUrl,
      redirectUris: [tool.launchUrl],
      jwksUri: tool.jwksUrl,
      targetLinkUri: tool.launchUrl,
      deepLinkingUri: tool.deepLinkingUrl ?? null,
      scopes: Object.values(SCOPES),
      registeredBy: "hand",
    };
    this.state.tools.push(registration);
    return registration;
  }

  /** The tool the LMS pages launch (the one registered last), if any. */
  get tool(): ToolRegistration | undefined {
    return this.state.currentTool();
  }

  get closeMessages(): number {
    return this.state.closeMessages;
  }

  /** Everything the platform refused so far, with why. */
  get refusals(): readonly string[] {
    return this.state.refusals;
  }

  adminRegisterToolUrl(registrationUrl: string): string {
    return `${this.state.base}/admin/register-tool?url=${encodeURIComponent(registrationUrl)}`;
  }

  deepLinkingPageUrl(person: PlatformPerson, locale = "en"): string {
    return `${this.state.base}/course/${encodeURIComponent(this.course.contextId)}/deep-link?as=${encodeURIComponent(person.sub)}&locale=${locale}`;
  }

  resourceLinkPageUrl(linkId: string, person: PlatformPerson, locale = "en"): string {
    return `${this.state.base}/course/${encodeURIComponent(this.course.contextId)}/link/${encodeURIComponent(linkId)}?as=${encodeURIComponent(person.sub)}&locale=${locale}`;
  }

  get resourceLinks() {
    return [...this.state.resourceLinks.values()];
  }

  lineItem(id: string) {
    const item = this.state.lineItems.get(id);
    return item ? lineItemJson(this.state, item) : undefined;
  }

  scoresFor(lineItemId: string, userId?: string): ReceivedScore[] {
    return this.state.scores.filter(
      (score) => score.lineItemId === lineItemId && (userId === undefined || score.userId === userId),
    );
  }

  /** Spoils the next launch's answer the way `tamper` says (LTI 1.3 Security Framework rules). */
  tamperNextLaunch(tamper: Tamper): void {
    this.state.nextTamper = tamper;
  }

  /** The next `count` AGS score posts answer 500; 0 puts the platform right again. */
  failScorePosts(count: number): void {
    this.state.failingScorePosts = count;
  }
}
