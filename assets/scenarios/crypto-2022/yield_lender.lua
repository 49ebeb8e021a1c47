-- A crypto lender that chases yield (Celsius, Voyager, BlockFi, Genesis in 2022): take every
-- loan offered to it (more coins to lend on), and lend its spare cash to the borrower that pays
-- the most, the riskiest one it will still touch, at a rate that grows with the borrower's
-- default probability. Its one limit is how much a single borrower may owe it.
local P = {
  keep = 0.5,         -- $B of cash it keeps in hand
  lend_share = 0.3,   -- share of its spare cash lent in one loan
  min_loan = 0.05,    -- $B: no smaller loan is worth the paperwork
  max_pd = 0.9,       -- it lends to no borrower closer to default than this
  max_exposure = 1.5, -- most one borrower may owe it, as a share of its own market value
  rate = 0.08,        -- yearly interest to a safe borrower
  spread = 0.3,       -- extra yearly interest per unit of the borrower's default probability
  months = 6,         -- months the loan is drawn over (and repaid over as many)
  wait = 3,           -- turns between its loans
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

-- The borrowers of this world: the hub and the outside firms that still trade.
local function borrowers(view)
  local list = {}
  for _, a in ipairs(view.actors) do
    if a.id ~= view.me and not a.defaulted and (a.role == "hub" or a.role == "outside") then
      list[#list + 1] = a
    end
  end
  return list
end

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    if o.kind == "loan" and o.payee == view.me then
      out[#out + 1] = accept(o.id, {en = "more coins to lend on", zh = "又多了一笔可以转借出去的币"})
    else
      out[#out + 1] = reject(o.id, {en = "we lend, we do not buy", zh = "我们只放贷，不买东西"})
    end
  end
  local spare = me.cash - P.keep
  local next_loan = view.memory.next_loan or 0
  if view.turn < next_loan or spare * P.lend_share < P.min_loan then return out end
  -- The best yield: the riskiest borrower still under the limits.
  local best, best_pd = nil, -1
  for _, b in ipairs(borrowers(view)) do
    local room = P.max_exposure * me.market_value - exposure(view.me, b.id)
    if b.pd <= P.max_pd and b.pd > best_pd and room >= P.min_loan then
      best, best_pd = b, b.pd
    end
  end
  if not best then return out end
  local room = P.max_exposure * me.market_value - exposure(view.me, best.id)
  local amount = math.min(spare * P.lend_share, room)
  local offer = propose{kind = "loan", to = best.id, amount = amount, months = P.months,
                        rate = math.min(1, P.rate + P.spread * best.pd),
                        reason = {en = "the best yield on the market", zh = "市场上收益最高的去处"}}
  if check(offer) then
    out[#out + 1] = offer
    view.memory.next_loan = view.turn + P.wait
  end
  return out
end

return S
