import { getLocale } from "@/lib/i18n/locale";
import { ltiInstructorMessagesFor } from "@/lib/i18n/lti-instructor-messages";

// Safe here, unlike on the course's other pages (see the layout): this page takes no parameter of its
// own that could be unknown, and the layout has already answered 403/404 for the course before it streams.
export default async function LmsLoading() {
  return (
    <p className="muted" aria-busy="true">
      {ltiInstructorMessagesFor(await getLocale()).loading}
    </p>
  );
}
