// Sign-in configuration and the server-side checks every page, route handler and server action
// goes through. Sessions are signed JWT cookies; the role is re-read from the database on every
// request, so a role change or a removed account takes effect at once.
import type { NextAuthOptions } from "next-auth";
import { cache } from "react";
import { getServerSession } from "next-auth/next";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Role } from "./generated/prisma/enums";
import { db } from "./db";
import { env, publicUrl } from "./env";
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from "./errors";
import { logger } from "./log";
import { authenticate } from "./users/authenticate";

declare module "next-auth" {
  interface Session {
    /** Only the id travels in the cookie; everything else is read from the database. */
    userId?: string;
  }
  interface User {
    role: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
  }
}

// Right-most entry: see lib/api/client-address.ts for why the left-most cannot be trusted.
function clientAddressOf(headers: Record<string, string | string[] | undefined> | undefined): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  const last = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(",").at(-1)?.trim();
  return last || undefined;
}

const authLog = logger.child({ component: "next-auth" });

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  // next-auth's own messages go through the platform's logger rather than the console. A session
  // cookie that does not decrypt (forged, or signed with a secret since replaced) is the visitor's
  // problem, not the server's: the visitor is simply signed out, so it is a warning.
  logger: {
    error(code, metadata) {
      const err = metadata instanceof Error ? metadata : metadata.error;
      if (code === "JWT_SESSION_ERROR") authLog.warn({ code, err }, "session cookie refused");
      else authLog.error({ code, err }, "next-auth error");
    },
    warn(code) {
      authLog.warn({ code }, "next-auth warning");
    },
    debug(code, metadata) {
      authLog.debug({ code, metadata }, "next-auth");
    },
  },
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  useSecureCookies: publicUrl.startsWith("https://"),
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        try {
          const user = await authenticate({ input: credentials, clientAddress: clientAddressOf(request?.headers) });
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
        } catch (error) {
          // next-auth hands a thrown message back to the sign-in form as its error.
          if (error instanceof RateLimitedError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      session.userId = token.uid;
      return session;
    },
  },
};

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

// Once per request: a page's layout, its language switch and the page itself all ask, and each
// ask would otherwise decrypt the cookie and query the database again. React's cache lives for
// one server render, so the next request reads the account afresh.
const readSignedInAccount = cache(async () => {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  return db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true, locale: true },
  });
});

/** The signed-in user, read fresh from the database, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const account = await readSignedInAccount();
  return account && { id: account.id, email: account.email, name: account.name, role: account.role };
}

/** The language the signed-in user saved, or null for a stranger. */
export async function getCurrentUserLocale(): Promise<string | null> {
  return (await readSignedInAccount())?.locale ?? null;
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}

export async function requireRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) throw new ForbiddenError();
  return user;
}
