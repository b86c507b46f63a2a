"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { changeCertificateStatus } from "@/lib/certificates/change-certificate-status";
import { AppError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { verifyMessagesFor } from "@/lib/i18n/verify-messages";
import { refusalOf } from "@/app/_lib/action-result";

export type StatusFormState = { isOk: boolean | null; message: string };

export async function changeCertificateStatusAction(
  _previous: StatusFormState,
  form: FormData,
): Promise<StatusFormState> {
  // A server action is a public endpoint: its arguments need not be what the page sends.
  if (!(form instanceof FormData)) return { isOk: false, message: "Send the status form." };
  const input = { publicId: form.get("publicId"), action: form.get("action"), reason: form.get("reason") };
  try {
    await changeCertificateStatus({ actor: await requireUser(), input });
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, message: (await refusalOf(error)).message };
    throw error;
  }
  // changeCertificateStatus accepted it, so it is a public id, not a file.
  revalidateLocalizedPath(`/verify/${input.publicId as string}`);
  return { isOk: true, message: verifyMessagesFor(await getLocale()).status.changed };
}
