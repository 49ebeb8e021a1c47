-- A vendor's playbook in the telecom scenario (Lucent's, Nortel's): lend the carrier the money to
-- buy our gear, while what it owes us stays under a share of our own market value; sell it gear
-- when it asks. The carrier is the one we are most exposed to already (Nortel: Global Crossing,
-- through its 1999 facility), else the hub.
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
    local to = me.top and view.actors[me.top] or nil
    if not to or to.defaulted or to.role == "outside" then to = view.actors[view.hub] end
    local offer = propose{kind = "loan", to = to.id, amount = P.lend, months = P.months,
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
