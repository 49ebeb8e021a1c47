-- Nvidia's binding: invest so the hub buys, lease the chips, guarantee the loans.
-- Jensen Huang wants to be the one beside the hub. Talks drag while nothing forces them; a rival
-- chip inside the hub's products (an outside threat to Nvidia's business) makes it move fast:
-- a huge chip lease, paid for in part by Nvidia's own investment in the hub, gigawatt by gigawatt.

local P = {
  threat_trigger = 0.5,   -- outside threat that makes it act at once
  fomo_trigger = 0.8,     -- share of rivals rewarded that makes it act without a threat
  lease = 350,            -- $B of chips leased (about 5 million chips)
  lease_gw = 10,
  lease_months = 96,      -- a lease is paid over the chips' life
  invest = 100,           -- $B it invests in the hub to help pay for them (0: none)
  invest_months = 60,
  delay = 12,             -- months before deployment starts
  max_exposure = 0.5,     -- largest exposure to the hub, as a share of its value
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    if (me.exposure + o.amount) / me.market_value <= P.max_exposure then
      out[#out + 1] = accept(o.id, {en = "more of the hub's compute runs on our chips",
                                     zh = "枢纽企业更多的算力跑在我们的芯片上"})
    else
      out[#out + 1] = reject(o.id, {en = "our fate is bound enough", zh = "我们和它已经绑得够紧了"})
    end
  end
  local pushed = me.threat >= P.threat_trigger or me.fomo >= P.fomo_trigger
  if pushed and not me.joined and #view.my_offers == 0 and not view.memory.bound then
    view.memory.bound = true
    local why = me.threat >= P.threat_trigger
                and {en = "a rival chip is inside the hub: move now",
                     zh = "枢纽企业用上了对手的芯片：马上动手"}
                or {en = "everyone else is in", zh = "别人都已经入局了"}
    out[#out + 1] = lease{to = view.hub, amount = P.lease, months = P.lease_months,
                          delay = P.delay, gw = P.lease_gw, reason = why}
    if P.invest > 0 then
      out[#out + 1] = invest{to = view.hub, amount = P.invest, months = P.invest_months,
                             delay = P.delay,
                             reason = {en = "we fund you as each gigawatt goes live",
                                       zh = "每上线1 GW，我们就投一笔钱"}}
    end
  end
  return out
end

return S
