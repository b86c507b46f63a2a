// Signs an account in through next-auth's HTTP endpoints (as a browser's form would) and returns
// the Cookie header that carries its session.

function cookiesOf(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .filter(Boolean);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map(cookiesOf(csrf).map((cookie) => [cookie.split("=")[0], cookie]));
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar.values()].join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  for (const cookie of cookiesOf(callback)) jar.set(cookie.split("=")[0], cookie);
  const cookie = [...jar.values()].join("; ");
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).json()) as {
    userId?: string;
  };
  if (!session.userId) throw new Error(`signing in ${email} did not create a session`);
  return cookie;
}
