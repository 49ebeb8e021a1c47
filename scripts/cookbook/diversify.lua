-- Cookbook 3, diversify (Nvidia): sell to every giant, not only the hub, and cap what any one
-- customer may owe it (exposure_to) at a share of its value, so no single default sinks it.
--   closedloop check scripts/cookbook/diversify.lua --role nvidia
local P = {ask = 25, months = 24, gw_per_b = 1 / 30, cap = 0.05, every = 3}

---@type Strategy
local S = {}

function S.decide(view)
  local me, mem, out = view.self, view.memory, {}
  local function room(id)
    return P.cap * me.market_value - (me.exposure_to[id] or 0)
  end
  for _, o in ipairs(view.offers_to_me) do
    local yes = accept(o.id, "within what one customer may owe us")
    if o.payer ~= view.me and room(o.payer) >= o.amount and check(yes) then
      out[#out + 1] = yes
    else
      out[#out + 1] = reject(o.id, "one customer may not owe us that much")
    end
  end
  -- One new customer every few turns, in turn: the next live actor with room.
  if view.turn % P.every == 0 and #view.my_offers == 0 then
    local n = #view.actors
    for step = 1, n do
      mem.next = (mem.next or 0) % n + 1
      local a = view.actors[mem.next]
      local offer = sell{to = a.id, amount = P.ask, months = P.months, gw = P.ask * P.gw_per_b,
                         reason = "systems for a new customer"}
      if a.id ~= view.me and not a.defaulted and room(a.id) >= P.ask and check(offer) then
        out[#out + 1] = offer
        break
      end
    end
  end
  return out
end

return S
