"use server";

import { requireUser } from "@/lib/auth";
import { getLocale } from "@/lib/i18n/locale";
import { ltiRefusalText } from "@/lib/i18n/lti-admin-messages";
import { translatedRefusal } from "@/lib/i18n/translated-refusal";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { createRegistrationInvite } from "@/lib/lti/registration-invites";
import { registerPlatform } from "@/lib/lti/register-platform";
import { removePlatform } from "@/lib/lti/remove-platform";
import { rotateToolKeyAsAdmin } from "@/lib/lti/rotate-tool-key-as-admin";
import { setPlatformEnabled } from "@/lib/lti/set-platform-enabled";
import { updatePlatform } from "@/lib/lti/update-platform";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { z } from "zod";
import { parseInput } from "@/lib/validation";

// Each action authenticates again and lib/lti checks the admin role: a server action is a public endpoint.

/** toActionResult, with lib/lti's own refusals worded in the reader's language too. */
async function ltiResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  const result = await toActionResult(run);
  if (result.isOk) return result;
  const locale = await getLocale();
  return { isOk: false, ...translatedRefusal(result, (text) => ltiRefusalText(text, locale)) };
}

/** The form's fields as they came, for lib/lti's schema to read. */
export type PlatformFormInput = Record<string, unknown>;

export async function registerPlatformAction(input: PlatformFormInput): Promise<ActionResult<{ id: string }>> {
  return ltiResult(async () => {
    const viewer = await requireUser();
    const platform = await registerPlatform({ viewer, input });
    revalidateLocalizedPath("/admin/lti");
    return platform;
  });
}

export async function updatePlatformAction(input: PlatformFormInput): Promise<ActionResult<{ id: string }>> {
  return ltiResult(async () => {
    const viewer = await requireUser();
    const platform = await updatePlatform({ viewer, input });
    revalidateLocalizedPath("/admin/lti");
    return platform;
  });
}

export async function setPlatformEnabledAction(input: {
  platformId: unknown;
  isEnabled: unknown;
}): Promise<ActionResult<{ isEnabled: boolean }>> {
  return ltiResult(async () => {
    const viewer = await requireUser();
    const { isEnabled } = await setPlatformEnabled({ viewer, input });
    revalidateLocalizedPath("/admin/lti");
    return { isEnabled };
  });
}

export async function removePlatformAction(input: { platformId: unknown }): Promise<ActionResult<{ id: string }>> {
  return ltiResult(async () => {
    const viewer = await requireUser();
    const removed = await removePlatform({ viewer, input });
    revalidateLocalizedPath("/admin/lti");
    return removed;
  });
}

/**
 * The admin's own confirmation, sent by the button that asked for it: an action with nothing to
 * validate would otherwise act on any call, junk included.
 */
const ConfirmationSchema = z.object({ isConfirmed: z.literal(true) });

export async function rotateToolKeyAction(input: unknown): Promise<ActionResult<{ kid: string }>> {
  return ltiResult(async () => {
    const viewer = await requireUser();
    parseInput(ConfirmationSchema, input);
    const { kid } = await rotateToolKeyAsAdmin({ viewer });
    revalidateLocalizedPath("/admin/lti");
    return { kid };
  });
}

export async function createInviteAction(input: unknown): Promise<ActionResult<{ url: string; expiresAt: string }>> {
  return ltiResult(async () => {
    const viewer = await requireUser();
    parseInput(ConfirmationSchema, input);
    const { url, expiresAt } = await createRegistrationInvite({ viewer });
    return { url, expiresAt: expiresAt.toISOString() };
  });
}
