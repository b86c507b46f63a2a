import { getCurrentUser } from "@/lib/auth";
import { getCertificatePdf } from "@/lib/certificates/get-certificate-pdf";
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { getLocale } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const pdf = await getCertificatePdf(id, await getCurrentUser(), await getLocale());
    return new Response(Buffer.from(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Cache-Control": "private, no-store",
        "Content-Disposition": `attachment; filename="certificate-${id}.pdf"`,
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
