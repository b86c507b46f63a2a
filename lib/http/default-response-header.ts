// A response header the server sets unless whoever answers sets its own. The web server sets the
// site's Content-Security-Policy on every response; Next copies a route handler's headers onto the
// response only when the response does not have them yet (next/dist/server/send-response.js), so a
// header the server set before Next ran would silently win over the handler's. Set as a default
// instead, just before the headers go out, a handler's own policy (the LTI deep linking return page,
// which must post a form to the platform) replaces the site's.
import type http from "node:http";

export function setDefaultHeader(response: http.ServerResponse, name: string, value: string): void {
  const writeHead = response.writeHead.bind(response);
  // Node sends the headers through writeHead, whether called directly or by the first write or end.
  response.writeHead = ((...args: Parameters<typeof writeHead>) => {
    if (!response.hasHeader(name)) response.setHeader(name, value);
    return writeHead(...args);
  }) as typeof response.writeHead;
}
