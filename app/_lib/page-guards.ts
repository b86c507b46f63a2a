// Turns lib/'s authorisation errors into what a page should do: send a stranger to sign in,
// show a 403 page to someone signed in without the right role.
import { forbidden } from "next/navigation";
import type { Role } from "@/lib/generated/prisma/enums";
import { getCurrentUser, type CurrentUser } from "@/lib/auth";
import { redirectInLocale } from "@/lib/i18n/redirect-in-locale";

export async function requirePageUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) return redirectInLocale(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requirePageRole(returnTo: string, ...roles: Role[]): Promise<CurrentUser> {
  const user = await requirePageUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
