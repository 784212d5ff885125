import type { Database } from "@codelab/db";
import type { Clock } from "../ports/clock.js";
import type { RateLimiter } from "../ports/rate-limiter.js";
import type { TokenService } from "./token-service.js";

export interface AuthDependencies {
  db: Database;
  tokens: TokenService;
  clock: Clock;
}

export interface LoginRateLimiters {
  perEmail: RateLimiter;
  perIp: RateLimiter;
}
