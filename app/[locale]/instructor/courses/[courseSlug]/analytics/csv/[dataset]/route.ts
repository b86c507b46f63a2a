// One analytics table as a CSV download, checked exactly like the page: signed in, and teaching the
// course. The table's name is validated in lib (an unknown one is a 404), as is the course.
import { getCurrentUser } from "@/lib/auth";
import { exportAnalyticsCsv } from "@/lib/analytics/export-analytics-csv";
import { LocaleSchema } from "@/lib/courses/content-schema";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/responses";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ locale: string; courseSlug: string; dataset: string }> },
) {
  const { locale, courseSlug, dataset } = await params;
  const viewer = await getCurrentUser();
  if (!viewer) return Response.json({ error: "Please sign in first." }, { status: 401 });
  try {
    const { filename, csv } = await exportAnalyticsCsv({
      viewer,
      courseSlug,
      dataset,
      locale: LocaleSchema.catch("en").parse(locale),
    });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
