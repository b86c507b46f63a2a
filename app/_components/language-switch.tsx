import "@/app/course.css";
import { LOCALES, type Locale } from "@/lib/courses/content-schema";
import { getLocale } from "@/lib/i18n/locale";
import { setLocaleAction } from "@/lib/i18n/set-locale";

const NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

/** Two buttons, one per language; a plain form, so it works before (and without) JavaScript. */
export async function LanguageSwitch() {
  const current = await getLocale();
  return (
    <form action={setLocaleAction} className="language-switch" aria-label="Language / 语言">
      {LOCALES.map((locale) => (
        <button key={locale} type="submit" name="locale" value={locale} lang={locale} aria-pressed={locale === current} className="link-button">
          {NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
