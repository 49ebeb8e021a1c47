-- SoftBank's bet: go big, and go first.
-- After losses such as WeWork, Masayoshi Son wants one more huge bet, and his logic is simple:
-- if more compute is better, build more. Once the hub has courted him, SoftBank offers to lead
-- the financing of a giant joint venture, and keeps backing it while the market cheers.

local P = {
  bet = 500,          -- $B: the size of the build it offers to lead
  my_share = 0.2,     -- share of the build SoftBank funds from its own balance sheet
  hub_share = 0.1,    -- share the hub funds (project debt and outside investors bring the rest)
  months = 48,        -- how long the build takes
  gw = 10,            -- compute the build delivers to the hub
  appetite = 3.0,     -- how far beyond its own value it will stake on the hub (exposure / value)
  fomo_sensitivity = 0.5, -- how much rivals' rewards push it to back more offers
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

-- Has the hub courted us (a scheduled piece of news about us)? Newest first: it is recent.
local function courted(view)
  local news = view.news
  for k = #news, 1, -1 do
    local n = news[k]
    if n.kind == "news" and n.actor == view.me then return true end
  end
  return false
end

function S.decide(view)
  tune(view)
  local me, hub = view.self, view.hub
  local out = {}
  for _, o in ipairs(view.offers_to_me) do
    -- It backs what brings it closer to the hub, while it can still carry the risk.
    local stake = (me.exposure + o.amount) / me.market_value
    if stake < P.appetite and view.sentiment > -0.2 then
      out[#out + 1] = accept(o.id, {en = "if more compute is better, do more",
                                     zh = "算力既然多多益善，那就加码"})
    else
      out[#out + 1] = reject(o.id, {en = "even a bet has a limit", zh = "再大的赌注也有个限度"})
    end
  end
  if not view.memory.bet_made and courted(view) and #view.my_offers == 0 then
    view.memory.bet_made = true
    out[#out + 1] = joint_venture{to = hub, amount = P.bet, months = P.months, rate = P.my_share,
                                  rate2 = P.hub_share, gw = P.gw, pay = true,
                                  reason = {en = "lead the financing of the biggest build there is",
                                            zh = "牵头为规模最大的建设项目融资"}}
  elseif view.memory.bet_made and not me.joined and #view.my_offers == 0
         and me.fomo * P.fomo_sensitivity > 0.2 then
    -- Turned down once: come back smaller when rivals are being rewarded.
    out[#out + 1] = joint_venture{to = hub, amount = P.bet / 2, months = P.months,
                                  rate = P.my_share, rate2 = P.hub_share, gw = P.gw / 2, pay = true,
                                  reason = {en = "the others are moving: back the build again",
                                            zh = "别人都动起来了：再押这个建设项目一次"}}
  end
  return out
end

return S
