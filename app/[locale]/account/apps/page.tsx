import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { getLocale } from "@/lib/i18n/locale";
import { formatUtc } from "@/lib/i18n/messages";
import { obApiMessagesFor } from "@/lib/i18n/ob-api-messages";
import { listConnectedApps } from "@/lib/ob-api/list-connected-apps";
import { requirePageUser } from "@/app/_lib/page-guards";
import { DisconnectAppButton } from "./disconnect-app-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: obApiMessagesFor(await getLocale()).apps.title };
}

export default async function ConnectedAppsPage() {
  const user = await requirePageUser("/account/apps");
  const [apps, locale] = await Promise.all([listConnectedApps(user), getLocale()]);
  const t = obApiMessagesFor(locale).apps;
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <DataTable
        caption={t.caption}
        rows={apps}
        rowKey={(app) => app.clientRowId}
        rowTestId="connected-app"
        empty={t.empty}
        columns={[
          {
            key: "app",
            header: t.app,
            isRowHeader: true,
            cell: (app) => (
              <>
                {app.name}
                <br />
                <span className="muted">{new URL(app.clientUri).host}</span>
              </>
            ),
          },
          { key: "access", header: t.access, cell: (app) => app.scopes.map((scope) => t.scopes[scope]).join("; ") },
          { key: "connected", header: t.connected, cell: (app) => formatUtc(app.firstConnectedAt) },
          {
            key: "last-used",
            header: t.lastUsed,
            cell: (app) => (app.lastUsedAt ? formatUtc(app.lastUsedAt) : t.never),
          },
          {
            key: "actions",
            header: t.actions,
            cell: (app) => <DisconnectAppButton clientRowId={app.clientRowId} name={app.name} locale={locale} />,
          },
        ]}
      />
    </>
  );
}
