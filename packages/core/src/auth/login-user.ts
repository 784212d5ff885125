import { AppError } from "../errors/app-error.js";
import type { RateLimitDecision } from "../ports/rate-limiter.js";
import { userSelect } from "../users/user-select.js";
import type { AuthDependencies, LoginRateLimiters } from "./auth-dependencies.js";
import { issueSession, type IssuedSession } from "./issue-session.js";
import { unknownUserPasswordHash, verifyPassword } from "./password-hash.js";

export interface LoginUserOptions {
  email: string;
  password: string;
  clientIp: string;
}

function refuse(decision: RateLimitDecision): never {
  throw new AppError("RATE_LIMITED", "Too many sign-in attempts; try again later", {
    details: { retryAfterSeconds: decision.retryAfterSeconds },
  });
}

export async function loginUser(
  dependencies: AuthDependencies & { loginRateLimiters: LoginRateLimiters },
  { email, password, clientIp }: LoginUserOptions,
): Promise<IssuedSession> {
  const { db, loginRateLimiters } = dependencies;
  const [byEmail, byIp] = await Promise.all([
    loginRateLimiters.perEmail.hit(email),
    loginRateLimiters.perIp.hit(clientIp),
  ]);
  if (!byEmail.allowed) refuse(byEmail);
  if (!byIp.allowed) refuse(byIp);

  const user = await db.user.findUnique({
    where: { email },
    select: { ...userSelect, passwordHash: true, tokenVersion: true },
  });
  // Unknown email and wrong password take the same time and give the same answer.
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? unknownUserPasswordHash);
  if (!user?.passwordHash || !passwordMatches) {
    throw new AppError("INVALID_CREDENTIALS", "Email or password is incorrect");
  }
  const { passwordHash: _hash, tokenVersion, ...profile } = user;
  return issueSession(dependencies, db, { user: profile, tokenVersion });
}
