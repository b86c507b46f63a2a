import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/app/_lib/page-guards";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { Link } from "@/lib/i18n/navigation";
import { getPlatform } from "@/lib/lti/get-platform";
import { PlatformForm } from "../../platform-form";

interface Props {
  params: Promise<{ platformId: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: ltiAdminMessagesFor(await getLocale()).title };
}

export default async function EditPlatformPage({ params }: Props) {
  const { platformId } = await params;
  const viewer = await requirePageRole(`/admin/lti/platforms/${platformId}`, "ADMIN");
  const locale = await getLocale();
  const t = ltiAdminMessagesFor(locale);
  const platform = await getPlatform({ viewer, platformId }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <p>
        <Link href="/admin/lti">← {t.form.back}</Link>
      </p>
      <h1>{t.form.editHeading(platform.name)}</h1>
      <PlatformForm locale={locale} initial={{ ...platform, platformId: platform.id }} />
    </>
  );
}
