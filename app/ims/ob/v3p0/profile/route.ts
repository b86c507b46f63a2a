// getProfile: the signed-in learner's Open Badges Profile. putProfile is not offered: learners
// change their name in Gradient itself.
import { authenticateObRequest } from "@/lib/ob-api/authenticate-ob-request";
import { imsxMethodNotAllowed, obJson, withImsxErrors } from "@/lib/ob-api/imsx-responses";
import { ObProfileSchema, learnerProfile } from "@/lib/ob-api/learner-profile";
import { PROFILE_READ_SCOPE } from "@/lib/ob-api/scopes";

export const GET = withImsxErrors(async (request: Request) => {
  const user = await authenticateObRequest(request, PROFILE_READ_SCOPE);
  return obJson(ObProfileSchema, learnerProfile(user));
});

const refuse = imsxMethodNotAllowed("GET", "putProfile is not supported: a learner's profile is edited in Gradient.");
export const POST = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
