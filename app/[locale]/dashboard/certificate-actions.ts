"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { setCertificateVisibility } from "@/lib/certificates/set-certificate-visibility";
import { AppError } from "@/lib/errors";
import { refusalOf } from "@/app/_lib/action-result";

export type VisibilityFormState = { isOk: boolean | null; message: string };

// A refusal comes back as a message: a thrown error would reach the browser as a bare 500.
export async function setCertificateVisibilityAction(
  _previous: VisibilityFormState,
  form: FormData,
): Promise<VisibilityFormState> {
  if (!(form instanceof FormData)) return { isOk: false, message: "Send the certificate form." };
  try {
    await setCertificateVisibility({
      actor: await requireUser(),
      input: { publicId: form.get("publicId"), isPublic: form.get("isPublic") },
    });
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, message: (await refusalOf(error)).message };
    throw error;
  }
  revalidateLocalizedPath("/dashboard");
  return { isOk: true, message: "" };
}
