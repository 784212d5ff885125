import { randomUUID } from "node:crypto";

export interface SignedUpUser {
  userId: string;
  email: string;
  token: string;
}

interface RegisterResponse {
  result?: { data?: { accessToken?: string; user?: { id?: string } } };
}

/** Registers a fresh user through `auth.register` over HTTP, exactly as a client would. */
export async function signUp(url: string, { email = `user-${randomUUID()}@example.test` }: { email?: string } = {}): Promise<SignedUpUser> {
  const response = await fetch(`${url}/trpc/auth.register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple" }),
  });
  const { result } = (await response.json()) as RegisterResponse;
  const token = result?.data?.accessToken;
  const userId = result?.data?.user?.id;
  if (response.status !== 200 || !token || !userId) throw new Error(`auth.register answered ${response.status}`);
  return { userId, email, token };
}
