-- Join, then leave in time: a vendor (nvidia, oracle, amd or broadcom; softbank too) that signs
-- with the hub early, takes the market's applause for it, and then watches the hub's default
-- probability. When the risk rises above a threshold it sells its stake in the hub while a
-- funding round still buys it and walks away from its deals with the hub, paying the exit
-- penalty, before a default writes its claims down.
--
-- The parameters below are the example's; a scenario may set any of them for the role
-- ("playbook_params"), as it does for the playbooks.

local P = {
  join_by = 2,          -- the turn by which it proposes its own deal if the hub offered none
  amount = 60,          -- $B of its own proposal
  months = 48,
  delay = 12,           -- months before the first payment (the build-up of a real contract)
  gw_per_b = 1 / 35,    -- GW delivered per $B of contract
  invest = 0,           -- $B it also invests in the hub (SoftBank's way of joining)
  max_offer = 0.4,      -- largest offer it accepts, as a share of its own market value
  exit_pd = 0.45,       -- the hub's default probability (pd) at which it leaves, or ...
  exit_rise = 0.12,     -- ... the rise of that pd above the lowest seen since it joined
}

local S = {}

local tuned = false
local function tune(view)
  tuned = true
  for k, v in pairs(view.params.playbook) do
    if type(P[k]) == type(v) then P[k] = v end
  end
end

-- The constructor for each kind a vendor sells (propose{kind = ...} for the others).
local function offer_of(view, kind)
  local terms = {to = view.hub, amount = P.amount, months = P.months, delay = P.delay,
                 gw = P.amount * P.gw_per_b,
                 reason = {en = "we want to be in from the start", zh = "我们要从一开始就入局"}}
  if kind == "compute" then return cloud(terms)
  elseif kind == "chip_lease" then return lease(terms)
  elseif kind == "codev" then return codevelop(terms)
  elseif kind == "chip_purchase" then return sell(terms)
  end
  return nil
end

function S.decide(view)
  if not tuned then tune(view) end
  local me, hub, out = view.self, view.actors[view.hub], {}
  local mem = view.memory
  if me.joined then
    mem.low = math.min(mem.low or hub.pd, hub.pd)
  end
  local risky = me.joined and (hub.pd >= P.exit_pd or hub.pd >= mem.low + P.exit_rise)

  -- Leave: every deal with the hub that can be exited and paid for, and the stake.
  if risky then
    local room = funding_room(view.me)
    for _, d in ipairs(view.deals) do
      if d.payer == view.hub or d.payee == view.hub then
        local cost = exit_cost(d.id)
        if cost and cost <= room then
          room = room - cost
          out[#out + 1] = exit{deal = d.id,
                               reason = {en = string.format("the hub's default risk is %.0f%%", hub.pd * 100),
                                         zh = string.format("枢纽企业的违约概率已达%.0f%%", hub.pd * 100)}}
        end
      end
    end
    mem.left = true
  end
  if risky and view.sentiment > 0 then
    local held = stake(view.hub)
    if held > 0 then
      out[#out + 1] = sell{actor = view.hub, fraction = 1,
                           reason = {en = "take the money while a round still buys",
                                     zh = "趁还有新一轮融资愿意接盘，先把钱拿回来"}}
    end
  end
  if mem.left then
    for _, o in ipairs(view.offers_to_me) do
      out[#out + 1] = reject(o.id, {en = "we are out", zh = "我们已经退出了"})
    end
    return out
  end

  -- Join early: take the hub's offers while they are not too big for us ...
  for _, o in ipairs(view.offers_to_me) do
    if o.amount <= P.max_offer * me.market_value then
      mem.joined = true
      out[#out + 1] = accept(o.id, {en = "in early, while the market pays for it",
                                    zh = "趁市场还肯买账，尽早入局"})
    else
      out[#out + 1] = reject(o.id, {en = "too big a bet on one customer", zh = "押在一个客户身上太多了"})
    end
  end
  -- ... or propose our own.
  if not me.joined and not mem.joined and not mem.proposed and view.turn >= P.join_by
     and #view.my_offers == 0 then
    local o = offer_of(view, me.deal_kind)
    if o and check(o) then
      mem.proposed = true
      out[#out + 1] = o
    end
    if P.invest > 0 then
      mem.proposed = true
      out[#out + 1] = invest{to = view.hub, amount = P.invest, months = 12, delay = 0,
                             reason = {en = "a stake in the hub", zh = "入股枢纽企业"}}
    end
  end
  return out
end

return S
