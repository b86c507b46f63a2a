import type { Metadata } from "next";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { DataTable } from "@/app/_components/data-table";
import { requirePageUser } from "@/app/_lib/page-guards";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export const metadata: Metadata = { title: "Access tokens" };

const formatDate = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

export default async function TokensPage() {
  const user = await requirePageUser("/account/tokens");
  const tokens = await listApiTokens(user);
  return (
    <>
      <h1>Personal access tokens</h1>
      <p className="muted">
        A token lets <code>npm run submit</code> and other programs use the <a href="/api/openapi.json">Gradient API</a>{" "}
        as you, with your current role. Treat it like a password: revoke it here the moment you no longer need it.
      </p>

      <h2>Create a token</h2>
      <CreateTokenForm />

      <h2>Your tokens</h2>
      <DataTable
        caption="Your tokens"
        rows={tokens}
        rowKey={(token) => token.id}
        rowTestId="token-row"
        empty="You have no tokens yet. Create one above to submit from the command line."
        columns={[
          { key: "name", header: "Name", cell: (token) => token.name },
          { key: "token", header: "Token", cell: (token) => <code>{token.prefix}…</code> },
          { key: "created", header: "Created", cell: (token) => formatDate(token.createdAt) },
          {
            key: "last-used",
            header: "Last used",
            cell: (token) => (token.lastUsedAt ? formatDate(token.lastUsedAt) : "Never"),
          },
          {
            key: "expires",
            header: "Expires",
            cell: (token) => (token.expiresAt ? formatDate(token.expiresAt) : "Never"),
          },
          {
            key: "state",
            header: "State",
            cell: (token) => (
              <span className={`badge ${token.state === "active" ? "passed" : "failed"}`}>{token.state}</span>
            ),
          },
          {
            key: "actions",
            header: "Actions",
            cell: (token) => token.state === "active" && <RevokeTokenButton tokenId={token.id} name={token.name} />,
          },
        ]}
      />
    </>
  );
}
