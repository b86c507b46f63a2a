import { getLocale } from "@/lib/i18n/locale";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";

export default async function LtiAdminLoading() {
  return (
    <p className="muted" aria-busy="true">
      {ltiAdminMessagesFor(await getLocale()).loading}
    </p>
  );
}
