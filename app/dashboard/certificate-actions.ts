"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { setCertificateVisibility } from "@/lib/certificates/set-certificate-visibility";

export async function setCertificateVisibilityAction(form: FormData): Promise<void> {
  await setCertificateVisibility({ actor: await requireUser(), input: { publicId: form.get("publicId"), isPublic: form.get("isPublic") } });
  revalidatePath("/dashboard");
}
