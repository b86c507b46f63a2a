import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";

export default async function SubmissionLoading() {
  return (
    <p className="muted" aria-busy="true">
      {staffMessagesFor(await getLocale()).common.loadingWhat.submission}
    </p>
  );
}
