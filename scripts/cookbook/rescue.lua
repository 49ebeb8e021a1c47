-- Cookbook 4, a rescue (SoftBank): back the hub with a stake, then stand behind the firms it is
-- exposed to. When one of them is in distress (its default probability at 50% or more, or a
-- missed payment), put a slice of cash in for new shares before it fails; when one has failed,
-- buy it whole if its estate is cheap against what it owes SoftBank.
--   closedloop check scripts/cookbook/rescue.lua --role softbank
local P = {stake = 30, distress = 0.5, share_of_cash = 0.2, min = 2, buy_below = 0.5}

---@type Strategy
local S = {}

function S.decide(view)
  local me, mem, out = view.self, view.memory, {}
  mem.helped = mem.helped or {}
  for _, o in ipairs(view.offers_to_me) do
    local yes = accept(o.id, "we back the build-out")
    out[#out + 1] = check(yes) and yes or reject(o.id, "not within our means")
  end
  if not mem.staked then -- the stake that makes the hub's fate ours: follow it by its ref
    local offer = invest{to = view.hub, amount = P.stake, months = 12, reason = "we back the hub"}
    if check(offer) then
      mem.staked = offer.ref
      out[#out + 1] = offer
    end
  end
  for id, owed in pairs(me.exposure_to) do
    local a = view.actors[id]
    local amount = math.floor(me.cash * P.share_of_cash)
    local intent
    if a.defaulted and a.estate > 0 and a.estate < P.buy_below * owed then
      intent = rescue{actor = id, amount = a.estate, reason = "buying what we are owed, cheaply"}
    elseif not a.defaulted and a.pd >= P.distress and not mem.helped[id] and amount >= P.min then
      intent = rescue{actor = id, amount = amount, reason = "standing behind a partner"}
    end
    if intent and check(intent) then
      mem.helped[id] = view.turn
      print(string.format("rescue of %s: $%.0fB (owed $%.0fB, pd %.2f)", id, intent.amount, owed,
                          a.pd))
      out[#out + 1] = intent
    end
  end
  return out
end

return S
