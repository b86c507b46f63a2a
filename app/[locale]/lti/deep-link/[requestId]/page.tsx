import "./deep-link.css";
import type { Metadata } from "next";
import { requirePageUser } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { formatUtc } from "@/lib/i18n/messages";
import { ltiDeepLinkMessagesFor } from "@/lib/i18n/lti-deep-link-messages";
import { DeepLinkRefusedError } from "@/lib/lti/deep-linking/deep-link-refusal";
import { listPickableItems } from "@/lib/lti/deep-linking/list-pickable-items";
import { PickerForm } from "./picker-form";

type Params = { params: Promise<{ requestId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: ltiDeepLinkMessagesFor(await getLocale()).picker.title, robots: { index: false } };
}

/** The content picker an instructor reaches from their learning platform's "add external tool" (Deep Linking 2.0). */
export default async function DeepLinkPickerPage({ params }: Params) {
  const { requestId } = await params;
  const user = await requirePageUser(`/lti/deep-link/${encodeURIComponent(requestId)}`);
  const locale = await getLocale();
  const t = ltiDeepLinkMessagesFor(locale);
  const picker = await listPickableItems({ userId: user.id, requestId, locale }).catch((error: unknown) => {
    if (error instanceof DeepLinkRefusedError) return error;
    throw error;
  });

  if (picker instanceof DeepLinkRefusedError) {
    const refusal = t.refusals[picker.reason];
    return (
      <section aria-labelledby="refusal-heading" data-testid="deep-link-refusal" data-reason={picker.reason}>
        <h1 id="refusal-heading">{refusal.title}</h1>
        <p>{refusal.body}</p>
      </section>
    );
  }

  const hasItems = picker.courses.length > 0;
  return (
    <>
      <h1>{t.picker.title}</h1>
      <p>{t.picker.intro(picker.platformName)}</p>
      <p className="muted">{t.picker.expires(`${formatUtc(picker.expiresAt)} UTC`)}</p>
      {!hasItems && (
        <p className="empty" data-testid="deep-link-empty">
          {t.picker.empty}
        </p>
      )}
      <PickerForm
        locale={locale}
        requestId={picker.requestId}
        acceptsMultiple={picker.acceptsMultiple}
        createsLineItems={picker.createsLineItems}
        suggestedTitle={picker.suggestedTitle}
        courses={picker.courses}
      />
    </>
  );
}
