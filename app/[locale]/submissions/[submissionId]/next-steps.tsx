import type { CurrentUser } from "@/lib/auth";
import { getNextLab } from "@/lib/assignments/get-next-lab";
import type { Locale } from "@/lib/i18n/locale";
import { resultsMessagesFor } from "@/lib/i18n/results-messages";
import { Link } from "@/lib/i18n/navigation";

/** Where a learner goes from a result: the same lab again, or on to the course's next lab. */
export async function NextSteps({
  viewer,
  courseSlug,
  labSlug,
  locale,
}: {
  viewer: CurrentUser;
  courseSlug: string;
  labSlug: string;
  locale: Locale;
}) {
  const t = resultsMessagesFor(locale).next;
  const next = await getNextLab({ viewer, input: { courseSlug, labSlug }, locale });
  return (
    <nav aria-label={t.heading} className="next-steps" data-testid="next-steps">
      <Link className="button secondary" href={`/courses/${courseSlug}/labs/${labSlug}`}>
        {t.submitAgain}
      </Link>
      {next ? (
        <Link className="button" href={`/courses/${courseSlug}/labs/${next.slug}`}>
          {t.nextLab(next.title)}
        </Link>
      ) : (
        <Link className="button" href={`/courses/${courseSlug}`}>
          {t.backToCourse}
        </Link>
      )}
    </nav>
  );
}
