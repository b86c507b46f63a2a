import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { withApiErrors } from "@/lib/api/responses";
import { getGradebook } from "@/lib/gradebook/get-gradebook";
import { gradebookToCsv } from "@/lib/gradebook/gradebook-csv";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const user = await authenticateApiRequest(request);
  const { slug } = await context.params;
  const gradebook = await getGradebook(user, slug);
  return new Response(gradebookToCsv(gradebook), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // getGradebook has checked the slug's shape, so it is safe inside the header.
      "content-disposition": `attachment; filename="${gradebook.course.slug}-grades.csv"`,
      "cache-control": "no-store",
    },
  });
});
