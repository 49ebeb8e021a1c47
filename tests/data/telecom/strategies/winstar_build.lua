-- Winstar's playbook in the telecom scenario: take the vendors' loans, buy network gear with
-- them while the money lasts.
local P = {
  order = 0.8,            -- $B of gear ordered at a time
  months = 24,            -- over how many months it is paid
  tbps_per_billion = 0.3, -- network capacity a $B of gear lights
  min_cash = 0.2,         -- $B kept in hand
}

local S = {}

function S.decide(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    out[#out + 1] = accept(o.id, {en = "money to build", zh = "建网的钱"})
  end
  if #view.my_offers == 0 and me.cash > P.min_cash + P.order / P.months then
    local offer = propose{kind = "chip_purchase", to = "lucent", amount = P.order,
                          months = P.months, gw = P.order * P.tbps_per_billion,
                          reason = {en = "the network before the customers",
                                    zh = "先建网络，再等客户"}}
    if check(offer) then out[#out + 1] = offer end
  end
  return out
end

return S
