import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { obApiMessagesFor } from "@/lib/i18n/ob-api-messages";
import { AUTHORIZATION_PARAMETERS, readAuthorizationRequest } from "@/lib/ob-api/authorization-request";
import { OB_API_BASE_PATH } from "@/lib/ob-api/ob-api-urls";
import { requirePageUser } from "@/app/_lib/page-guards";
import { ConsentForm } from "./consent-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: obApiMessagesFor(await getLocale()).consent.pageTitle };
}

type Query = Record<string, string | string[] | undefined>;

/** This page's own address with the OAuth parameters, to come back to after signing in. */
function returnPath(query: Query): string {
  const params = new URLSearchParams();
  for (const name of AUTHORIZATION_PARAMETERS) {
    const value = query[name];
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, item);
  }
  return `${OB_API_BASE_PATH}/auth/authorize?${params.toString()}`;
}

/** The OAuth 2.0 authorization endpoint: a learner signs in if needed and allows or denies an app. */
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const [reading, locale] = await Promise.all([readAuthorizationRequest(query), getLocale()]);
  const t = obApiMessagesFor(locale).consent;
  if (reading.kind === "show-error")
    return (
      <>
        <h1>{t.errorTitle}</h1>
        <p className="form-error" role="alert" data-testid="authorization-problem">
          {t.problems[reading.problem]}
        </p>
      </>
    );
  if (reading.kind === "redirect") redirect(reading.location);
  const user = await requirePageUser(returnPath(query));
  const { client, request } = reading;
  const parameters = Object.fromEntries(
    AUTHORIZATION_PARAMETERS.flatMap((name) => {
      const value = query[name];
      return typeof value === "string" ? [[name, value]] : [];
    }),
  );
  return (
    <>
      <h1>{t.title}</h1>
      <section className="card consent" aria-labelledby="consent-asks">
        <h2 id="consent-asks">{t.asks(client.name)}</h2>
        <ul data-testid="consent-scopes">
          {request.scopes.map((scope) => (
            <li key={scope}>{t.scopes[scope]}</li>
          ))}
        </ul>
        <p className="muted">{t.cannot}</p>
        <p>
          <a href={client.clientUri} rel="noopener noreferrer" target="_blank">
            {t.site}: {new URL(client.clientUri).host}
          </a>
          {" · "}
          <a href={client.tosUri} rel="noopener noreferrer" target="_blank">
            {t.terms}
          </a>
          {" · "}
          <a href={client.policyUri} rel="noopener noreferrer" target="_blank">
            {t.privacy}
          </a>
        </p>
        <p className="muted">
          {t.signedInAs(user.name)} {t.later}
        </p>
        <ConsentForm parameters={parameters} appName={client.name} locale={locale} />
      </section>
    </>
  );
}
