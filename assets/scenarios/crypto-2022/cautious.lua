-- The cautious one (Gemini, DCG, Terra in 2022): it proposes nothing; it accepts a loan to a
-- firm while what that firm would then owe it stays under a small share of its own market value,
-- and borrows only while what it owes stays under another.
local P = {
  max_exposure = 0.1, -- most one firm may owe it, as a share of its market value
  max_owed = 0.2,     -- most it may owe under live deals, as a share of its market value
}

local S = {}

-- The scenario's "playbook_params" for this role, over P at the first decide
-- (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  local owed = obligations(view.me)
  for _, o in ipairs(view.offers_to_me) do
    local ok
    if o.payer == view.me then
      ok = exposure(view.me, o.payee) + o.amount <= P.max_exposure * me.market_value
    else
      ok = owed + o.amount <= P.max_owed * me.market_value
    end
    if ok then
      out[#out + 1] = accept(o.id, {en = "small enough to carry", zh = "规模小，承受得起"})
      if o.payer ~= view.me then owed = owed + o.amount end
    else
      out[#out + 1] = reject(o.id, {en = "too much risk for us", zh = "对我们来说风险太大"})
    end
  end
  return out
end

return S
