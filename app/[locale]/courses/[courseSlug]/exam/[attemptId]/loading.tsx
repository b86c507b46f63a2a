import { getLocale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

export default async function ExamAttemptLoading() {
  const t = messagesFor(await getLocale());
  return (
    <p className="muted" aria-busy="true" role="status">
      {t.quiz.loading}
    </p>
  );
}
