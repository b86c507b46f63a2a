// The gradebook as a CSV download, checked exactly like the page: signed in, and teaching the course.
import { getCurrentUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { getGradebook, gradebookToCsv } from "@/lib/instructor/gradebook";
import { otherMethods } from "@/lib/api/responses";

export async function GET(_request: Request, { params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await getCurrentUser();
  if (!viewer) return Response.json({ error: "Please sign in first." }, { status: 401 });
  try {
    const book = await getGradebook({ viewer, courseSlug });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(gradebookToCsv(book), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="gradebook-${book.course.slug}-${day}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
