import { readFigure } from "@/lib/content-render/read-figure";
import { otherMethods } from "@/lib/api/responses";

// An SVG opened on its own is a document that could run script; this policy forbids scripts and
// any fetch, leaving only the inline styles that diagrams use.
const FIGURE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ courseSlug: string; lessonSlug: string; file: string }> },
) {
  const { courseSlug, lessonSlug, file } = await params;
  const figure = await readFigure(courseSlug, lessonSlug, file);
  if (!figure)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(figure.bytes), {
    headers: {
      "Content-Type": figure.contentType,
      "Content-Security-Policy": FIGURE_POLICY,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=3600",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
