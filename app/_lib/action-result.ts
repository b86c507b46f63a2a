import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { refusalIn } from "@/lib/i18n/refusal-text";

/** What a server action hands back to its form: the field messages to show, or success. */
export type ActionResult<T = undefined> =
  { isOk: true; value: T } | { isOk: false; message: string; fieldErrors: FieldErrors };

/** An expected refusal from lib/ as a form shows it: its message and field messages in the reader's language. */
export async function refusalOf(error: AppError): Promise<{ message: string; fieldErrors: FieldErrors }> {
  const fieldErrors = error instanceof ValidationError ? error.fieldErrors : {};
  return refusalIn(await getLocale(), { message: error.message, fieldErrors });
}

/** Runs a lib/ call for a form; expected refusals become messages, anything else stays an error. */
export async function toActionResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { isOk: true, value: await run() };
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, ...(await refusalOf(error)) };
    throw error;
  }
}
