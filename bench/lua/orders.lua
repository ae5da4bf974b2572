-- wrk script: POST /api/v1/orders with a random user and product(s) per request, shaped by the scenario.
-- Parameters come from the environment (bench/run.sh sets them):
--   BENCH_SCENARIO   spread | hot | flash | coupon
--   BENCH_USERS      users 1..N exist (spread, hot)
--   BENCH_PRODUCTS   products 1..N exist (spread)
--   BENCH_HOT_PRODUCT / BENCH_FLASH_PRODUCT   the one product of hot / flash
--   BENCH_FLASH_BUYERS   buyers 1..N (flash)
--   BENCH_USER_OFFSET    coupon: first user of this run; each request takes the next unused user (and coupon id = user id)
--   BENCH_COUPON_USERS   coupon: users 1..N hold one coupon each (wraps round after N)
--   BENCH_PROGRESS   seconds between progress lines (0 = none)
--   BENCH_LABEL      printed in progress lines
-- Counts responses by status and by problem `code`; done() prints one machine-readable RESULT line.

local env = function(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then return default end
  return value
end

local scenario = env("BENCH_SCENARIO", "spread")
local users = tonumber(env("BENCH_USERS", "10000"))
local products = tonumber(env("BENCH_PRODUCTS", "10000"))
local hot_product = tonumber(env("BENCH_HOT_PRODUCT", "1"))
local flash_product = tonumber(env("BENCH_FLASH_PRODUCT", "1"))
local flash_buyers = tonumber(env("BENCH_FLASH_BUYERS", "1000"))
local user_offset = tonumber(env("BENCH_USER_OFFSET", "0"))
local coupon_users = tonumber(env("BENCH_COUPON_USERS", "100000"))
local progress_every = tonumber(env("BENCH_PROGRESS", "5"))
local label = env("BENCH_LABEL", scenario)

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

function init(args)
  tid = tid or 1
  nthreads = tonumber(env("BENCH_WRK_THREADS", "2"))
  math.randomseed(os.time() * 1000 + tid * 7919 + math.floor((os.clock() * 1e6) % 1000))
  statuses = {}
  codes = {}
  responses = 0
  completed = 0
  sequence = 0
  started = os.time()
  last_progress = started
  headers = { ["Content-Type"] = "application/json" }
end

local function random_user()
  return math.random(1, users)
end

local function body_for_request()
  if scenario == "hot" then
    return string.format('{"userId":%d,"items":[{"productId":%d,"quantity":1}]}', random_user(), hot_product)
  elseif scenario == "flash" then
    return string.format('{"userId":%d,"items":[{"productId":%d,"quantity":1}]}', math.random(1, flash_buyers), flash_product)
  elseif scenario == "coupon" then
    -- Every request a user (and that user's one coupon) not used before in this run: thread tid takes
    -- offset + tid, offset + tid + nthreads, ... so threads never collide.
    local user = (user_offset + (tid - 1) + sequence * nthreads) % coupon_users + 1
    sequence = sequence + 1
    local product = math.random(1, products)
    return string.format('{"userId":%d,"items":[{"productId":%d,"quantity":%d}],"couponId":%d}',
      user, product, math.random(1, 3), user)
  else
    -- spread: 1-3 lines of distinct random products, quantity 1-3 each
    local lines = math.random(1, 3)
    local chosen = {}
    local items = {}
    while #items < lines do
      local product = math.random(1, products)
      if not chosen[product] then
        chosen[product] = true
        table.insert(items, string.format('{"productId":%d,"quantity":%d}', product, math.random(1, 3)))
      end
    end
    return string.format('{"userId":%d,"items":[%s]}', random_user(), table.concat(items, ","))
  end
end

function request()
  return wrk.format("POST", nil, headers, body_for_request())
end

function response(status, hdrs, body)
  responses = responses + 1
  local s = tostring(status)
  statuses[s] = (statuses[s] or 0) + 1
  if status == 201 then
    completed = completed + 1
  else
    local code = body and string.match(body, '"code"%s*:%s*"([%w_]+)"') or nil
    local key = s .. "/" .. (code or "-")
    codes[key] = (codes[key] or 0) + 1
  end
  if progress_every > 0 and tid == 1 then
    local now = os.time()
    if now - last_progress >= progress_every then
      last_progress = now
      io.write(string.format("  [progress] %s: %ds, thread 1 of %d: %d responses, %d orders completed (%.0f/s on this thread)\n",
        label, now - started, nthreads, responses, completed, completed / math.max(1, now - started)))
      io.flush()
    end
  end
end

local function merge(into, from)
  for k, v in pairs(from or {}) do into[k] = (into[k] or 0) + v end
end

local function render(tbl)
  local keys = {}
  for k in pairs(tbl) do table.insert(keys, k) end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do table.insert(parts, k .. "=" .. tbl[k]) end
  if #parts == 0 then return "-" end
  return table.concat(parts, ",")
end

function done(summary, latency, requests)
  local all_status, all_codes = {}, {}
  local total_completed = 0
  for _, thread in ipairs(threads) do
    merge(all_status, thread:get("statuses"))
    merge(all_codes, thread:get("codes"))
    total_completed = total_completed + (thread:get("completed") or 0)
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  local ms = function(us) return us / 1000.0 end
  io.write(string.format(
    "RESULT duration_s=%.3f requests=%d completed=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.2f statuses=%s codes=%s socket_errors=%d non2xx3xx=%d\n",
    summary.duration / 1e6, summary.requests, total_completed,
    ms(latency:percentile(50)), ms(latency:percentile(95)), ms(latency:percentile(99)), ms(latency.max), ms(latency.mean),
    render(all_status), render(all_codes), socket_errors, errors.status))
end
