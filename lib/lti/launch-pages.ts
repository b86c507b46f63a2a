// The pages of the launch flow (lib/lti/lti-page.ts draws them): a refused launch, with its reason
// in words and as a code the administrator can look up in the log; the step that checks whether the
// browser kept the frame's cookie and otherwise offers the first-party fallback; and a fallback link
// that was already used.
import type { Locale } from "../courses/content-schema";
import { ltiLaunchMessagesFor } from "../i18n/lti-launch-messages";
import { launchRefusalStatus, type LaunchRefusalReason } from "./launch-errors";
import { escapeHtml, ltiPageResponse } from "./lti-page";

export function launchRefusalPage(request: Request, lang: Locale, reason: LaunchRefusalReason): Response {
  const text = ltiLaunchMessagesFor(lang);
  return ltiPageResponse({
    request,
    lang,
    status: launchRefusalStatus(reason),
    title: text.refusedTitle,
    bodyHtml: [
      `<p>${escapeHtml(text.refusals[reason])}</p>`,
      `<p>${escapeHtml(text.advice)}</p>`,
      `<p class="muted" data-reason="${escapeHtml(reason)}">${escapeHtml(text.reasonCode(reason))}</p>`,
    ].join("\n"),
  });
}

/** A script literal of `value`; "<" is escaped so no value can close the script element. */
function scriptString(value: string): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export interface OpeningPageOptions {
  request: Request;
  lang: Locale;
  /** The page to open, with its language prefix. */
  pagePath: string;
  /** The one-time address of the first-party fallback. */
  continueUrl: string;
  /** The frame's session cookie. */
  setCookie: string;
}

/**
 * The launch's answer: it sets the frame's session cookie, then asks the server whether the cookie
 * came back. When it did, the page opens; when the browser dropped it, the reader is offered the
 * page in a tab of its own (top-level, where the cookie is first-party).
 */
export function launchOpeningPage({ request, lang, pagePath, continueUrl, setCookie }: OpeningPageOptions): Response {
  const text = ltiLaunchMessagesFor(lang).opening;
  const page = escapeHtml(pagePath);
  const fallback = escapeHtml(continueUrl);
  const newTabLink = (className: string) =>
    `<a class="${className}" href="${fallback}" target="_blank" rel="noopener">${escapeHtml(text.openInNewTab)}</a>`;
  return ltiPageResponse({
    request,
    lang,
    title: text.title,
    bodyHtml: [
      `<p id="lti-checking" class="muted" role="status">${escapeHtml(text.checking)} <a href="${page}">${escapeHtml(text.continueHere)}</a></p>`,
      `<div id="lti-blocked" hidden>`,
      `<p><strong>${escapeHtml(text.blockedTitle)}</strong></p>`,
      `<p>${escapeHtml(text.blocked)}</p>`,
      `<div class="actions">${newTabLink("button")}</div>`,
      `<p class="muted">${escapeHtml(text.newTabNote)}</p>`,
      `</div>`,
      `<noscript><p>${escapeHtml(text.noScript)}</p>`,
      `<div class="actions"><a class="button" href="${page}">${escapeHtml(text.continueHere)}</a>${newTabLink("button secondary")}</div></noscript>`,
    ].join("\n"),
    script: `(function () {
  var target = ${scriptString(pagePath)};
  function blocked() {
    document.getElementById("lti-checking").hidden = true;
    document.getElementById("lti-blocked").hidden = false;
  }
  fetch("/lti/session-check", { credentials: "include", cache: "no-store" })
    .then(function (response) {
      if (response.ok) location.replace(target);
      else blocked();
    })
    .catch(blocked);
})();`,
    headers: { "set-cookie": setCookie },
  });
}

export function usedTicketPage(request: Request, lang: Locale): Response {
  const text = ltiLaunchMessagesFor(lang).ticket;
  return ltiPageResponse({
    request,
    lang,
    status: 400,
    title: text.title,
    bodyHtml: `<p>${escapeHtml(text.body)}</p>`,
  });
}
