import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * Appends one event with the same id rule as nextEventId (the caller's clock, or the next sequence
 * when the clock has not moved past the last id), refreshes the idle expiry, and applies retention:
 * drops events older than the cutoff, but never any of the last `minEvents`. Only XDEL records
 * `max-deleted-entry-id` (XTRIM does not), which the read script uses to detect a gap.
 * KEYS: stream. ARGV: now ms, encoded event, minEvents, cutoff ms, idle expiry ms.
 */
export const appendScript = defineScript(`
local key = KEYS[1]
local id = ARGV[1] .. '-0'
local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)[1]
if last then
  local dash = string.find(last[1], '-', 1, true)
  local lastMilliseconds = string.sub(last[1], 1, dash - 1)
  if tonumber(lastMilliseconds) >= tonumber(ARGV[1]) then
    id = lastMilliseconds .. '-' .. (tonumber(string.sub(last[1], dash + 1)) + 1)
  end
end
redis.call('XADD', key, id, 'e', ARGV[2])
redis.call('PEXPIRE', key, ARGV[5])
local excess = redis.call('XLEN', key) - tonumber(ARGV[3])
if excess > 0 then
  local old = redis.call('XRANGE', key, '-', '(' .. ARGV[4] .. '-0', 'COUNT', excess)
  if #old > 0 then
    local newest = old[#old][1]
    redis.call('XTRIM', key, 'MINID', newest)
    redis.call('XDEL', key, newest)
  end
end
return id
`);

/**
 * One page after an id, with the highest id retention has deleted, read atomically so a trim
 * cannot slip between them. Returns nil when the stream does not exist.
 * KEYS: stream. ARGV: after id, count.
 */
export const readScript = defineScript(`
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return nil end
local entries = redis.call('XRANGE', key, '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
local info = redis.call('XINFO', 'STREAM', key)
local maxDeleted = '0-0'
for index = 1, #info, 2 do
  if info[index] == 'max-deleted-entry-id' then maxDeleted = info[index + 1] end
end
return {maxDeleted, entries}
`);

export interface RedisScript {
  run(redis: Redis, keys: string[], args: Array<string | number>): Promise<unknown>;
}

/** EVALSHA, falling back to EVAL once after a restart or SCRIPT FLUSH emptied the script cache. */
function defineScript(source: string): RedisScript {
  const sha = createHash("sha1").update(source).digest("hex");
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
