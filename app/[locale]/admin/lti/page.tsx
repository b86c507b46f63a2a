import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { Link } from "@/lib/i18n/navigation";
import { listPlatforms } from "@/lib/lti/list-platforms";
import { listToolKeys } from "@/lib/lti/tool-key";
import { toolUrls } from "@/lib/lti/tool-urls";
import { CopyField } from "./copy-field";
import { InviteForm } from "./invite-form";
import { PlatformForm } from "./platform-form";
import { PlatformRowActions } from "./platform-row-actions";
import { RotateKeyForm } from "./rotate-key-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: ltiAdminMessagesFor(await getLocale()).title };
}

/** Dates as the audit log shows them: the same in every language and time zone. */
const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function LtiAdminPage() {
  const viewer = await requirePageRole("/admin/lti", "ADMIN");
  const locale = await getLocale();
  const t = ltiAdminMessagesFor(locale);
  const [platforms, keys] = await Promise.all([listPlatforms({ viewer }), listToolKeys()]);
  const urls = toolUrls();
  // The deep linking request and the resource link launch both come back to the one launch URL.
  const toolValues = [
    { id: "lti-login-initiation", label: t.tool.loginInitiation, value: urls.loginInitiation },
    { id: "lti-launch", label: t.tool.launch, value: urls.launch },
    { id: "lti-target-link", label: t.tool.targetLink, value: urls.launch },
    { id: "lti-deep-linking", label: t.tool.deepLinking, value: urls.launch },
    { id: "lti-jwks", label: t.tool.jwks, value: urls.jwks },
    { id: "lti-domain", label: t.tool.domain, value: urls.domain },
  ];
  return (
    <>
      <p>
        <Link href="/admin">← {staffMessagesFor(locale).admin.title}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>

      <section aria-labelledby="lti-tool-heading">
        <h2 id="lti-tool-heading">{t.tool.heading}</h2>
        <p className="muted">{t.tool.hint}</p>
        <div className="card">
          {toolValues.map((field) => (
            <CopyField
              key={field.id}
              id={field.id}
              label={field.label}
              value={field.value}
              copy={t.tool.copy}
              copied={t.tool.copied}
              copyLabel={t.tool.copyLabel(field.label)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="lti-keys-heading">
        <h2 id="lti-keys-heading">{t.keys.heading}</h2>
        <p className="muted">{t.keys.hint}</p>
        <DataTable
          caption={t.keys.heading}
          rows={keys}
          rowKey={(key) => key.kid}
          empty={t.keys.none}
          columns={[
            { key: "kid", header: t.keys.kid, isRowHeader: true, cell: (key) => <code>{key.kid}</code> },
            { key: "created", header: t.keys.created, cell: (key) => day(key.createdAt) },
            {
              key: "state",
              header: t.keys.state,
              cell: (key) => (key.retiredAt ? t.keys.retired(day(key.retiredAt)) : <strong>{t.keys.current}</strong>),
            },
          ]}
        />
        <p className="muted">{t.keys.explain}</p>
        <RotateKeyForm locale={locale} />
      </section>

      <section aria-labelledby="lti-platforms-heading">
        <h2 id="lti-platforms-heading">{t.platforms.heading}</h2>
        <p className="muted">{t.platforms.removeHint}</p>
        <DataTable
          caption={t.platforms.caption}
          rows={platforms}
          rowKey={(platform) => platform.id}
          empty={t.platforms.empty}
          testId="lti-platforms"
          columns={[
            { key: "name", header: t.platforms.name, isRowHeader: true, cell: (platform) => platform.name },
            { key: "issuer", header: t.platforms.issuer, cell: (platform) => <code>{platform.issuer}</code> },
            { key: "clientId", header: t.platforms.clientId, cell: (platform) => <code>{platform.clientId}</code> },
            {
              key: "deployments",
              header: t.platforms.deployments,
              cell: (platform) => <code>{platform.deploymentIds.join(", ")}</code>,
            },
            {
              key: "usage",
              header: t.platforms.usage,
              cell: (platform) => t.platforms.usageOf(platform.accountCount, platform.contextCount),
            },
            {
              key: "registeredBy",
              header: t.platforms.registeredBy,
              cell: (platform) =>
                `${platform.registeredBy === "DYNAMIC" ? t.platforms.dynamic : t.platforms.manual} · ${day(platform.createdAt)}`,
            },
            {
              key: "state",
              header: t.platforms.state,
              cell: (platform) => (platform.isEnabled ? t.platforms.enabled : t.platforms.disabled),
            },
            {
              key: "actions",
              header: t.platforms.actions,
              cell: (platform) => (
                <PlatformRowActions
                  platformId={platform.id}
                  name={platform.name}
                  isEnabled={platform.isEnabled}
                  locale={locale}
                />
              ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="lti-register-heading">
        <h2 id="lti-register-heading">{t.form.registerHeading}</h2>
        <p className="muted">{t.form.registerHint}</p>
        <PlatformForm locale={locale} />
      </section>

      <section aria-labelledby="lti-invite-heading">
        <h2 id="lti-invite-heading">{t.invite.heading}</h2>
        <p className="muted">{t.invite.hint}</p>
        <InviteForm locale={locale} />
      </section>
    </>
  );
}
