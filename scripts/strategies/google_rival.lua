-- Google, the rival: its own models, its own chips (TPUs), capacity to rent.
-- It never funds the hub, but it rents it TPUs when asked: each rental is a threat to the
-- hub's other chip suppliers, which is why the hub asks.

local P = {
  max_rental = 30,      -- $B of TPU capacity it rents to the hub at most
  max_exposure = 0.02,  -- exposure to the hub it accepts, as a share of its value
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    local ok = o.payer == view.hub and o.amount <= P.max_rental
               and (me.exposure + o.amount) / me.market_value <= P.max_exposure
    if ok then
      out[#out + 1] = accept(o.id, {en = "TPUs for rent", zh = "TPU可以租给你"})
    else
      out[#out + 1] = reject(o.id, {en = "we compete with the hub; we do not carry it",
                                     zh = "我们和枢纽企业是对手，不替它扛担子"})
    end
  end
  return out
end

return S
