import type { Metadata } from "next";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { DataTable } from "@/app/_components/data-table";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { requirePageUser } from "@/app/_lib/page-guards";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: accountMessagesFor(await getLocale()).tokens.title };
}

const formatDate = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function TokensPage() {
  const user = await requirePageUser("/account/tokens");
  const [tokens, locale] = await Promise.all([listApiTokens(user), getLocale()]);
  const t = accountMessagesFor(locale).tokens;
  return (
    <>
      <h1>{t.heading}</h1>
      <p className="muted">
        {t.introBefore} <code>npm run submit</code> {t.introMiddle} <a href="/api/openapi.json">{t.api}</a>{" "}
        {t.introAfter}
      </p>

      <h2>{t.create}</h2>
      <CreateTokenForm locale={locale} />

      <h2>{t.yours}</h2>
      <DataTable
        caption={t.yours}
        rows={tokens}
        rowKey={(token) => token.id}
        rowTestId="token-row"
        empty={t.empty}
        columns={[
          { key: "name", header: t.name, cell: (token) => token.name },
          { key: "token", header: t.token, cell: (token) => <code>{token.prefix}…</code> },
          { key: "created", header: t.created, cell: (token) => formatDate(token.createdAt) },
          {
            key: "last-used",
            header: t.lastUsed,
            cell: (token) => (token.lastUsedAt ? formatDate(token.lastUsedAt) : t.never),
          },
          {
            key: "expires",
            header: t.expires,
            cell: (token) => (token.expiresAt ? formatDate(token.expiresAt) : t.never),
          },
          {
            key: "state",
            header: t.state,
            cell: (token) => (
              <span className={`badge ${token.state === "active" ? "passed" : "failed"}`}>{t.states[token.state]}</span>
            ),
          },
          {
            key: "actions",
            header: t.actions,
            cell: (token) =>
              token.state === "active" && <RevokeTokenButton tokenId={token.id} name={token.name} locale={locale} />,
          },
        ]}
      />
    </>
  );
}
