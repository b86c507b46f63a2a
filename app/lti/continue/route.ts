// The first-party fallback of a launch: opened in a tab of its own, where the session cookie is the
// site's own, it spends the one-time ticket of the launch, signs the user in and opens the page.
import { z } from "zod";
import { otherMethods } from "@/lib/api/responses";
import { usedTicketPage } from "@/lib/lti/launch-pages";
import { ltiLocaleOf } from "@/lib/lti/lti-page";
import { firstPartySessionCookie } from "@/lib/lti/session-cookie";
import { redeemSessionTicket } from "@/lib/lti/session-ticket";

export const dynamic = "force-dynamic";

const TicketSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export async function GET(request: Request): Promise<Response> {
  const lang = ltiLocaleOf(request.headers.get("accept-language"));
  const ticket = TicketSchema.safeParse(new URL(request.url).searchParams.get("ticket"));
  const redeemed = ticket.success ? await redeemSessionTicket(ticket.data) : null;
  if (!redeemed) return usedTicketPage(request, lang);
  return new Response(null, {
    status: 303,
    headers: {
      location: redeemed.targetPath,
      "set-cookie": await firstPartySessionCookie(redeemed.account),
      "cache-control": "no-store",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
