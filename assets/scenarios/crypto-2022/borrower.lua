-- A firm that borrows (FTX and Alameda, Three Arrows in 2022): it asks the lenders for loans
-- while its cash runs low, takes every loan offered, and when a lender that owes it nothing is
-- in trouble it lends to it, to keep the lender, and its own funding, alive: the summer's rescues.
local P = {
  low_cash = 2.0,    -- $B: below this it asks for a loan
  ask = 0.5,         -- $B asked of one lender at a time
  months = 6,        -- months a loan is drawn over
  rate = 0.1,        -- yearly interest it offers
  rescue = true,     -- lends to lenders in trouble
  rescue_pd = 0.3,   -- a lender this close to default is in trouble
  rescue_amount = 0.4, -- $B of a rescue line
  rescue_months = 6,
}

local S = {}

-- The scenario's "playbook_params" for this role, over P at the first decide
-- (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

-- The lenders of this world: giants that still trade, richest first (by cash), then by id.
local function lenders(view)
  local list = {}
  for _, a in ipairs(view.actors) do
    if a.id ~= view.me and not a.defaulted and a.role == "giant" then list[#list + 1] = a end
  end
  table.sort(list, function(a, b)
    if a.cash ~= b.cash then return a.cash > b.cash end
    return a.id < b.id
  end)
  return list
end

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    if o.kind == "loan" and o.payee == view.me then
      out[#out + 1] = accept(o.id, {en = "money is money", zh = "钱就是钱"})
    else
      out[#out + 1] = reject(o.id, {en = "we borrow, we do not lend on these terms",
                                    zh = "我们借钱，不按这种条件放钱"})
    end
  end
  local ls = lenders(view)
  if me.cash < P.low_cash and #view.my_offers == 0 then
    for _, l in ipairs(ls) do
      local offer = propose{kind = "loan", to = l.id, pay = false, amount = P.ask,
                            months = P.months, rate = P.rate,
                            reason = {en = "a good rate for your depositors' coins",
                                      zh = "给你储户的币一个好利率"}}
      if check(offer) then out[#out + 1] = offer break end
    end
  end
  if P.rescue then
    view.memory.rescued = view.memory.rescued or {}
    for _, l in ipairs(ls) do
      if l.pd >= P.rescue_pd and not view.memory.rescued[l.id] and me.cash > P.rescue_amount then
        local offer = propose{kind = "loan", to = l.id, amount = P.rescue_amount,
                              months = P.rescue_months, rate = P.rate,
                              reason = {en = "a credit line to keep your withdrawals flowing",
                                        zh = "一条信贷额度，让你的客户继续能提币"}}
        if check(offer) then
          out[#out + 1] = offer
          view.memory.rescued[l.id] = true
        end
      end
    end
  end
  return out
end

return S
