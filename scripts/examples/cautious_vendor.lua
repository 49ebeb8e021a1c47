-- A cautious vendor: it sells compute to the hub, but only while what the hub owes it stays
-- under a share of its own market value. It remembers the offers it refused (view.memory),
-- prints one line each time it refuses, and answers the hub's counter-offers.
--
--   closedloop check scripts/examples/cautious_vendor.lua --role oracle
--   closedloop run --strategy oracle=scripts/examples/cautious_vendor.lua --quiet
--
-- Reference: docs/strategy-api.md. Editor help: scripts/closedloop.d.lua.

local P = {
  max_exposure = 0.25,     -- most it lets the hub owe it, as a share of its own market value
  ask = 60,                -- $B of compute it offers at a time
  min_deal = 5,            -- $B: smaller offers are not worth making
  months = 48,             -- length of the contracts it offers
  max_months = 72,         -- longest schedule it accepts from the hub
  delay = 6,               -- months before the first payment: capacity takes time to build
  gw_per_billion = 1 / 35, -- about $35B a gigawatt
  wait = 6,                -- turns it waits after the hub turned an offer down
  keep = 50,               -- refused offers it remembers (the oldest are forgotten)
}

local S = {}

-- $B more the hub could owe it before it passes its limit.
local function room(view)
  local me = view.self
  return P.max_exposure * me.market_value - me.exposure
end

-- Rejects offer o, remembers it, and says so in one line.
local function refuse(view, o, why)
  local refused = view.memory.refused
  refused[#refused + 1] = {id = o.id, turn = view.turn, from = o.from, kind = o.kind,
                           amount = o.amount, why = why}
  if #refused > P.keep then table.remove(refused, 1) end
  print(string.format("%s: refused deal %d (%s, $%.0fB from %s): %s", view.month, o.id, o.kind,
                      o.amount, o.from, why))
  return reject(o.id, why)
end

-- The answer to one offer addressed to us, and the $B of room it uses.
local function answer(view, o, left)
  local mem = view.memory
  if o.kind ~= "compute" or o.payer ~= view.hub then
    return refuse(view, o, "we sell compute to the hub, nothing else"), 0
  end
  local fits = o.amount <= left and o.months <= P.max_months
  if not fits and o.parent ~= nil and not mem.countered[o.id] and left >= P.min_deal then
    -- The hub countered one of our offers with terms we cannot take: one counter back.
    mem.countered[o.id] = true
    local amount = math.floor(math.min(o.amount, left))
    return counter(o.id, {amount = amount, gw = amount * P.gw_per_billion,
                          months = math.min(o.months, P.max_months)},
                   "as much as our limit allows, on a schedule we can build"), amount
  elseif not fits then
    return refuse(view, o, string.format("the hub would owe us too much (room $%.0fB)", left)), 0
  end
  local ok, why = check(accept(o.id))
  if not ok then return refuse(view, o, why), 0 end
  return accept(o.id, "capacity for the hub, within our limit"), o.amount
end

function S.init(view)
  view.memory.refused = {}    -- offers we turned down: {id, turn, from, kind, amount, why}
  view.memory.countered = {}  -- [deal id] = true: counter-offers we answered with a counter
  view.memory.next_offer = 0  -- the first turn we may offer again
end

function S.on_event(view, ev)
  -- The hub turned our offer down, or let it expire: wait before asking again.
  if (ev.kind == "rejected" and ev.other == view.me) or (ev.kind == "expired" and ev.actor == view.me) then
    view.memory.next_offer = view.turn + P.wait
  end
end

function S.decide(view)
  local mem, out = view.memory, {}
  local left = room(view)
  for _, o in ipairs(view.offers_to_me) do
    local intent, used = answer(view, o, left)
    out[#out + 1] = intent
    left = left - used
  end
  if #view.my_offers == 0 and view.turn >= mem.next_offer and view.sentiment > 0 then
    local amount = math.floor(math.min(P.ask, left))
    if amount >= P.min_deal then
      local offer = cloud{to = view.hub, amount = amount, months = P.months, delay = P.delay,
                          gw = amount * P.gw_per_billion,
                          reason = string.format("%.1f GW of capacity from %s",
                                                 amount * P.gw_per_billion, view.self.name)}
      if check(offer) then out[#out + 1] = offer end -- e.g. not while the hub is bound elsewhere
    end
  end
  return out
end

return S
