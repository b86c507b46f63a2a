import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";

/** What a server action hands back to its form: the field messages to show, or success. */
export type ActionResult<T = undefined> =
  { isOk: true; value: T } | { isOk: false; message: string; fieldErrors: FieldErrors };

/** Runs a lib/ call for a form; expected refusals become messages, anything else stays an error. */
export async function toActionResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { isOk: true, value: await run() };
  } catch (error) {
    if (error instanceof ValidationError)
      return { isOk: false, message: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof AppError) return { isOk: false, message: error.message, fieldErrors: {} };
    throw error;
  }
}
