// The addresses of the Open Badges API, all under the site's origin.
import { publicUrl } from "../env";

export const OB_API_BASE_PATH = "/ims/ob/v3p0";

export function obApiUrls(base: string = publicUrl) {
  const at = (path: string) => new URL(path, base).toString();
  return {
    base: at(OB_API_BASE_PATH),
    discovery: at(`${OB_API_BASE_PATH}/discovery`),
    registration: at(`${OB_API_BASE_PATH}/auth/register`),
    authorization: at(`${OB_API_BASE_PATH}/auth/authorize`),
    token: at(`${OB_API_BASE_PATH}/auth/token`),
    revocation: at(`${OB_API_BASE_PATH}/auth/revoke`),
    privacyPolicy: at("/privacy"),
    termsOfService: at("/terms"),
  };
}
