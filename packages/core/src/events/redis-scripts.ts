import { createHash } from "node:crypto";
import { Command, type Redis } from "ioredis";

/**
 * Appends a burst of events, each with the same id rule as nextEventId (the caller's clock, or the
 * next sequence when the clock has not moved past the last id), refreshes the idle expiry, and
 * applies retention: drops events older than the cutoff, but never any of the last `minEvents`.
 * Only XDEL records `max-deleted-entry-id` (XTRIM does not), which the read script uses to detect a gap.
 * Then wakes every other instance registered as watching the session (see registerWatcherScript)
 * with `<id> <sessionId>` on its channel; the appending instance delivers to its own subscribers itself.
 * Replies with two values per event: its id and the id it follows ("0-0" in an empty stream), so
 * that instance can tell whether it has delivered everything before it; or false and the error,
 * for an event that could not be appended (the others still are).
 * KEYS: stream and watchers, per event. ARGV: minEvents, min age ms, idle expiry ms, own channel,
 * then now ms, encoded event and session id, per event.
 */
export const appendEventsScript = defineScript(`
local minEvents = tonumber(ARGV[1])
local minAge = tonumber(ARGV[2])
local time = redis.call('TIME')
local registeredUntil = time[1] * 1000 + math.floor(time[2] / 1000)
local function append(key, watchersKey, now, encoded, sessionId)
  local id = now .. '-0'
  local previous = '0-0'
  local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)[1]
  if last then
    previous = last[1]
    local dash = string.find(previous, '-', 1, true)
    local lastMilliseconds = string.sub(previous, 1, dash - 1)
    if tonumber(lastMilliseconds) >= tonumber(now) then
      id = lastMilliseconds .. '-' .. (tonumber(string.sub(previous, dash + 1)) + 1)
    end
  end
  redis.call('XADD', key, id, 'e', encoded)
  redis.call('PEXPIRE', key, ARGV[3])
  local excess = redis.call('XLEN', key) - minEvents
  if excess > 0 then
    local old = redis.call('XRANGE', key, '-', '(' .. (tonumber(now) - minAge) .. '-0', 'COUNT', excess)
    if #old > 0 then
      local newest = old[#old][1]
      redis.call('XTRIM', key, 'MINID', newest)
      redis.call('XDEL', key, newest)
    end
  end
  for _, channel in ipairs(redis.call('ZRANGE', watchersKey, registeredUntil, '+inf', 'BYSCORE')) do
    if channel ~= ARGV[4] then redis.call('PUBLISH', channel, id .. ' ' .. sessionId) end
  end
  return id, previous
end
local replies = {}
for index = 1, #KEYS / 2 do
  local argument = 4 + (index - 1) * 3
  local ok, id, previous = pcall(append, KEYS[index * 2 - 1], KEYS[index * 2], ARGV[argument + 1], ARGV[argument + 2], ARGV[argument + 3])
  if ok then
    replies[#replies + 1] = id
    replies[#replies + 1] = previous
  else
    replies[#replies + 1] = false
    replies[#replies + 1] = type(id) == 'table' and id.err or tostring(id)
  end
end
return replies
`);

/**
 * Registers (or renews) an instance's wake-up channel as watching a session until Redis's clock
 * passes now + ttl, and drops registrations that have lapsed (instances that stopped without
 * unregistering). The set expires with its last registration.
 * KEYS: watchers. ARGV: channel, ttl ms.
 */
export const registerWatcherScript = defineScript(`
local time = redis.call('TIME')
local now = time[1] * 1000 + math.floor(time[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

/**
 * Ends an instance's registration as watcher of a session. A script, like registering, so the two
 * reach Redis in the order they were called (automatic pipelining would hold this one back).
 * KEYS: watchers. ARGV: channel.
 */
export const unregisterWatcherScript = defineScript(`
return redis.call('ZREM', KEYS[1], ARGV[1])
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

/**
 * EVALSHA, falling back to EVAL once after a restart or SCRIPT FLUSH emptied the script cache.
 * Sent at once, past the connection's automatic pipelining: callers that batch have done so already.
 */
function defineScript(source: string): RedisScript {
  const sha = createHash("sha1").update(source).digest("hex");
  const send = (redis: Redis, name: "evalsha" | "eval", script: string, keys: string[], args: Array<string | number>) => {
    const command = new Command(name, [script, keys.length, ...keys, ...args], { replyEncoding: "utf8" });
    void redis.sendCommand(command);
    return command.promise;
  };
  return {
    run(redis, keys, args) {
      return send(redis, "evalsha", sha, keys, args).catch((error: unknown) => {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return send(redis, "eval", source, keys, args);
      });
    },
  };
}
