-- Broadcom's co-development: the hub's own chips, designed together, on the leader's scale.
-- Soon after the leader binds itself to the hub, Broadcom offers to co-develop custom chips and
-- systems: the hub gets a second source, Broadcom a customer on the scale of Nvidia's deal.

local P = {
  deal = 350,         -- $B of co-developed systems
  gw = 10,
  months = 40,        -- deployments over about three years
  delay = 12,
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
      out[#out + 1] = accept(o.id, {en = "a customer on the scale of the leader's",
                                     zh = "一个和领头者同样分量的客户"})
    else
      out[#out + 1] = reject(o.id, {en = "we design chips, we do not finance",
                                     zh = "我们设计芯片，不做融资"})
    end
  end
  local leader_in = view.actors.nvidia and view.actors.nvidia.joined
  if leader_in and not me.joined and #view.my_offers == 0 and not view.memory.offered then
    view.memory.offered = true
    out[#out + 1] = codevelop{to = view.hub, amount = P.deal, months = P.months, delay = P.delay,
                              gw = P.gw,
                              reason = {en = "your own chips, co-developed, at scale",
                                        zh = "一起开发你们自己的芯片，规模化部署"}}
  end
  return out
end

return S
