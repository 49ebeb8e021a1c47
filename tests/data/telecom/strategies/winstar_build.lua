-- A carrier's playbook in the telecom scenario (Winstar's, Global Crossing's): take the vendors'
-- loans, buy network gear with them while the money lasts, from the vendor that lends to us (the
-- giant with the largest loan to us; Lucent until one has lent).
local P = {
  order = 0.8,            -- $B of gear ordered at a time
  months = 24,            -- over how many months it is paid
  tbps_per_billion = 0.3, -- network capacity a $B of gear lights
  min_cash = 0.2,         -- $B kept in hand
}

local S = {}

-- The giant whose loans to us are largest, or Lucent if none has lent to us yet.
local function vendor(view)
  local best, most = "lucent", 0
  for _, d in ipairs(view.deals) do
    local a = view.actors[d.payer]
    if d.kind == "loan" and d.payee == view.self.id and a and a.role == "giant" and
        not a.defaulted and d.amount > most then
      best, most = d.payer, d.amount
    end
  end
  return best
end

-- A scenario may set any of P for this role (its actor's "playbook_params"). Done at the first
-- decide of this Lua state, not in init: a loaded save runs the script afresh without init.
local tuned = false
local function tune(view)
  tuned = true
  for k, v in pairs(view.params.playbook) do
    if type(P[k]) ~= type(v) then
      error(string.format("playbook_params.%s: not a %s parameter of this playbook", k, type(v)))
    end
    P[k] = v
  end
end

function S.decide(view)
  if not tuned then tune(view) end
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    out[#out + 1] = accept(o.id, {en = "money to build", zh = "建网的钱"})
  end
  if #view.my_offers == 0 and me.cash > P.min_cash + P.order / P.months then
    local offer = propose{kind = "chip_purchase", to = vendor(view), amount = P.order,
                          months = P.months, gw = P.order * P.tbps_per_billion,
                          reason = {en = "the network before the customers",
                                    zh = "先建网络，再等客户"}}
    if check(offer) then out[#out + 1] = offer end
  end
  return out
end

return S
