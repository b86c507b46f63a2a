import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { getGradebook, gradebookToCsv } from "@/lib/instructor/gradebook";

export const dynamic = "force-dynamic";

// The same gradebook and CSV as the instructor's download in the web app.
export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const viewer = await authenticateApiRequest(request);
  const { slug } = await context.params;
  const gradebook = await getGradebook({ viewer, courseSlug: slug });
  return new Response(gradebookToCsv(gradebook), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // getGradebook found the course by this slug, so it is a plain slug and safe inside the header.
      "content-disposition": `attachment; filename="${gradebook.course.slug}-grades.csv"`,
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
