-- AMD's challenger offer: chips, plus a slice of AMD itself.
-- Lisa Su wants her company's AI moment. Once the leader is bound to the hub, AMD offers its
-- MI450 systems and sweetens them with warrants for up to a tenth of its shares, vesting as the
-- systems are deployed: a large subsidy that makes the hub a shareholder in AMD's success.

local P = {
  trigger_fomo = 0.4,   -- share of rivals rewarded for joining that makes it move
  systems = 90,         -- $B of systems offered
  gw = 6,
  months = 48,
  delay = 12,
  warrant_share = 0.1,  -- share of AMD's own shares offered as warrants
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    if o.payer == view.hub then
      out[#out + 1] = accept(o.id, {en = "the hub buys our chips", zh = "枢纽企业买的是我们的芯片"})
    else
      out[#out + 1] = reject(o.id, {en = "we sell chips, we do not finance",
                                     zh = "我们卖芯片，不做融资"})
    end
  end
  local leader_in = view.actors.nvidia and view.actors.nvidia.joined
  if (leader_in or me.fomo >= P.trigger_fomo) and not me.joined and #view.my_offers == 0
     and not view.memory.offered then
    view.memory.offered = true
    out[#out + 1] = sell{to = view.hub, amount = P.systems, months = P.months, delay = P.delay,
                         gw = P.gw,
                         reason = {en = "MI450 systems at scale", zh = "大批量的MI450系统"}}
    out[#out + 1] = warrants{to = view.hub, shares = me.shares * P.warrant_share,
                             months = P.months, delay = P.delay,
                             reason = {en = "a tenth of AMD, vesting with each deployment",
                                       zh = "AMD十分之一的股份，每部署一批就归属一批"}}
  end
  return out
end

return S
