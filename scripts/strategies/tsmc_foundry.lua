-- TSMC, the foundry: an outside player that builds for everyone and bets on no one.
-- C.C. Wei found the hub's plan for chip plants around the world too aggressive to believe.
-- TSMC takes orders it can fill within its own plans and refuses anything that would tie its
-- fate to one customer.

local P = {
  max_order = 50,       -- $B: the largest single order it takes
  max_exposure = 0.03,  -- exposure to the hub it accepts, as a share of its value
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    local fits = o.payer == view.hub and o.amount <= P.max_order
                 and (me.exposure + o.amount) / me.market_value <= P.max_exposure
    if fits then
      out[#out + 1] = accept(o.id, {en = "an order like any other", zh = "一笔普通的订单而已"})
    else
      out[#out + 1] = reject(o.id, {en = "too aggressive to believe", zh = "激进得让人无法相信"})
    end
  end
  return out
end

return S
