-- Oracle's opportunism: when the hub is buying, sell it the biggest cloud contract there is.
-- Larry Ellison sees the others bound to the hub and rewarded by the market; Oracle offers
-- capacity on a scale some doubt it can deliver, financed with its own debt.

local P = {
  trigger_fomo = 0.4,   -- share of rivals rewarded that makes it move
  min_sentiment = 0.1,  -- only while the market is enthusiastic
  contract = 300,       -- $B of cloud capacity
  gw = 4.5,
  months = 60,
  delay = 16,           -- capacity takes time to build
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    if o.payer == view.hub and view.sentiment > 0 then
      out[#out + 1] = accept(o.id, {en = "the opportunity of a lifetime", zh = "千载难逢的机会"})
    else
      out[#out + 1] = reject(o.id, {en = "not on these terms", zh = "这样的条件不行"})
    end
  end
  if me.fomo >= P.trigger_fomo and view.sentiment >= P.min_sentiment and not me.joined
     and #view.my_offers == 0 and not view.memory.offered then
    view.memory.offered = true
    out[#out + 1] = cloud{to = view.hub, amount = P.contract, months = P.months, delay = P.delay,
                          gw = P.gw,
                          reason = {en = "capacity at a scale nobody else offers",
                                    zh = "别人给不了的算力规模"}}
  end
  return out
end

return S
