// The Content-Security-Policy of the page that posts the deep linking answer to the platform. The
// site's policy allows forms to post to this site only (form-action 'self'); this one page must post
// to the platform's return URL, so its policy is the site's with form-action widened to that one
// origin, and nothing else changed (the script nonce and frame-ancestors stay as the server chose).

const FORM_ACTION = /^form-action(\s|$)/i;

export function returnPagePolicy(sitePolicy: string | null, returnUrl: string): string {
  // An http(s) URL's origin holds no spaces, quotes or semicolons: safe inside a directive.
  const formAction = `form-action 'self' ${new URL(returnUrl).origin}`;
  const directives = (sitePolicy ?? "")
    .split(";")
    .map((directive) => directive.trim())
    .filter((directive) => directive !== "" && !FORM_ACTION.test(directive));
  return [...directives, formAction].join("; ");
}
