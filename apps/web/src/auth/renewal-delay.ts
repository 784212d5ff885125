/** setTimeout fires at once for delays above 2^31 - 1 ms, which would renew in a tight loop. */
export const maxTimerDelayMs = 2_147_483_647;

/** Never renew more often than this, even for a token that claims to be already expired. */
export const minimumRenewalDelayMs = 1_000;

const renewalMarginMs = 60_000;
const shortLifetimeMarginShare = 0.2;

/**
 * How long to wait before renewing an access token that expires in `expiresInSeconds`: a minute
 * before expiry, or at 80 % of a lifetime too short for that, so requests never carry a token
 * that is about to lapse.
 */
export function renewalDelayMs(expiresInSeconds: number): number {
  const lifetimeMs = expiresInSeconds * 1000;
  const marginMs = Math.min(renewalMarginMs, lifetimeMs * shortLifetimeMarginShare);
  return Math.min(maxTimerDelayMs, Math.max(minimumRenewalDelayMs, lifetimeMs - marginMs));
}
