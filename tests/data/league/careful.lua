-- The playbook of the telecom scenario's other roles: accept an offer while what it adds to our
-- exposure stays under a share of our market value; propose nothing.
local P = {
  max_exposure = 0.03, -- most a counterparty may owe us, as a share of our market value
}

local S = {}

function S.decide(view)
  local me, out = view.self, {}
  local room = P.max_exposure * me.market_value - me.exposure
  for _, o in ipairs(view.offers_to_me) do
    if o.amount <= room then
      out[#out + 1] = accept(o.id, {en = "small enough to carry", zh = "规模小，承受得起"})
      room = room - o.amount
    else
      out[#out + 1] = reject(o.id, {en = "too much risk for us", zh = "对我们来说风险太大"})
    end
  end
  return out
end

return S
