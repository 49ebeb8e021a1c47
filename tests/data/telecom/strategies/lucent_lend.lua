-- Lucent's playbook in the telecom scenario: lend the carrier the money to buy our gear, while
-- what it owes us stays under a share of our own market value; sell it gear when it asks.
local P = {
  max_exposure = 0.05, -- most the carrier may owe us, as a share of our market value
  lend = 1,            -- $B lent at a time
  months = 24,         -- length of the loans
  rate = 0.09,         -- annual interest
  wait = 6,            -- turns between loans
}

local S = {}

function S.init(view)
  view.memory.next_loan = 0
end

function S.decide(view)
  local me, out = view.self, {}
  local room = P.max_exposure * me.market_value - me.exposure
  for _, o in ipairs(view.offers_to_me) do
    if o.amount <= room then
      out[#out + 1] = accept(o.id, {en = "a sale we can carry", zh = "我们承受得起的一笔销售"})
      room = room - o.amount
    else
      out[#out + 1] = reject(o.id, {en = "the carrier owes us too much", zh = "运营商欠我们的太多了"})
    end
  end
  if view.turn >= view.memory.next_loan and room >= P.lend and view.sentiment > 0 then
    local offer = propose{kind = "loan", to = view.hub, amount = P.lend, months = P.months,
                          rate = P.rate,
                          reason = {en = "our loan pays for our own gear",
                                    zh = "我们的贷款买的是我们自己的设备"}}
    if check(offer) then
      out[#out + 1] = offer
      view.memory.next_loan = view.turn + P.wait
    end
  end
  return out
end

return S
