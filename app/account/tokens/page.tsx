import type { Metadata } from "next";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { requirePageUser } from "../../_lib/page-guards";
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
        A token lets <code>npm run submit</code> and other programs use the <a href="/api/openapi.json">Gradient API</a> as you, with your current role.
        Treat it like a password: revoke it here the moment you no longer need it.
      </p>

      <h2>Create a token</h2>
      <CreateTokenForm />

      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p className="empty">You have no tokens yet. Create one above to submit from the command line.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-testid="token-row">
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{formatDate(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : "Never"}</td>
                  <td>{token.expiresAt ? formatDate(token.expiresAt) : "Never"}</td>
                  <td>
                    <span className={`badge ${token.state === "active" ? "passed" : "failed"}`}>{token.state}</span>
                  </td>
                  <td>{token.state === "active" && <RevokeTokenButton tokenId={token.id} name={token.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
