-- Cookbook 2, a hedge (Microsoft): take the hub's business, but keep what the hub owes it under
-- a share of its own value; past that share, sell part of its stake in the hub while a funding
-- round still buys it, so a rise in exposure is matched by cash in hand.
--   closedloop check scripts/cookbook/hedge.lua --role microsoft
local P = {max_exposure = 0.06, sell_fraction = 0.25, wait = 6}

---@type Strategy
local S = {}

function S.decide(view)
  local me, mem, out = view.self, view.memory, {}
  local to_hub = me.exposure_to[view.hub] or 0
  for _, o in ipairs(view.offers_to_me) do
    local mine = o.payer == view.me and o.amount or 0 -- what it would put at the hub's risk
    if (to_hub + mine) / me.market_value <= P.max_exposure then
      local yes = accept(o.id, "within our limit")
      out[#out + 1] = check(yes) and yes or reject(o.id, "not within our budget")
    else
      out[#out + 1] = reject(o.id, "enough of our value rides on the hub")
    end
  end
  -- The hedge: over the limit, sell a part of the stake, at most every `wait` turns.
  local held = stake(view.hub)
  if to_hub / me.market_value > P.max_exposure and held > 0
     and view.turn >= (mem.next_sale or 0) then
    local sale = sell{actor = view.hub, fraction = P.sell_fraction, reason = "hedging our exposure"}
    if check(sale) then
      mem.next_sale = view.turn + P.wait
      print(string.format("exposure %.0f of %.0f: selling a quarter of the stake", to_hub,
                          me.market_value))
      out[#out + 1] = sale
    end
  end
  return out
end

return S
