// Downloads the course as a bundle of its files (see lib/authoring/course-bundle.ts).
import { getCurrentUser } from "@/lib/auth";
import { exportCourse } from "@/lib/authoring/export-course";
import { AppError, ValidationError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/responses";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ courseSlug: string }> },
): Promise<Response> {
  const { courseSlug } = await params;
  const viewer = await getCurrentUser();
  if (!viewer)
    return new Response("Please sign in first.", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  try {
    const { fileName, text } = await exportCourse({ viewer, courseSlug });
    return new Response(text, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const detail =
      error instanceof ValidationError
        ? Object.entries(error.fieldErrors)
            .map(([file, messages]) => `\n${file}: ${messages.join("; ")}`)
            .join("")
        : "";
    return new Response(`${error.message}${detail}`, {
      status: error.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
