import "@/app/course.css";
import { getLocale } from "@/lib/i18n/locale";
import { LanguageSwitchForm } from "./language-switch-form";

export async function LanguageSwitch() {
  return <LanguageSwitchForm current={await getLocale()} />;
}
