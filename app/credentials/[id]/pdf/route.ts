import { getCurrentUser } from "@/lib/auth";
import { getCertificatePdf } from "@/lib/certificates/get-certificate-pdf";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  try {
    const pdf = await getCertificatePdf(id, await getCurrentUser());
    return new Response(Buffer.from(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Cache-Control": "private, no-store",
        "Content-Disposition": `attachment; filename="certificate-${id}.pdf"`,
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    throw error;
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
