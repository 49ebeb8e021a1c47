-- Join, then leave in time: a vendor (nvidia, oracle, amd or broadcom) or SoftBank that signs
-- with the hub early, buys into the hub's next rounds, takes the market's applause, and then
-- watches the hub's default probability. When the risk rises it sells its stake in the hub while
-- a funding round still buys it; if the risk becomes grave it also walks away from its deals with
-- the hub, paying the exit penalty, before a default strands what it built.
--
-- Why the two thresholds differ: a supply deal whose capacity is built is mostly paid for by the
-- time the hub's risk shows, and leaving it forfeits the payments still due; a stake in the hub
-- is worth most while investors still cheer, and only falls from there.
--
-- The parameters below are the example's; a scenario may set any of them for the role
-- ("playbook_params"), as it does for the playbooks.

local P = {
  join_by = 2,          -- the turn by which it proposes its own deal if the hub offered none
  amount_share = 0.45,  -- its own proposal, as a share of its own market value ...
  amount_cap = 400,     -- ... at most this many $B
  months = 48,
  delay = 12,           -- months before the first payment (the build-up of a real contract)
  gw_per_b = 1 / 35,    -- GW delivered per $B of contract
  invest_share = 0.3,   -- the stake it buys in the hub, as a share of its own market value ...
  invest_cap = 80,      -- ... at most this many $B, paid over invest_months
  invest_months = 12,
  max_offer = 0.7,      -- largest offer it accepts, as a share of its own market value
  sell_pd = 0.45,       -- the hub's default probability (pd) at which it sells its stake, or ...
  sell_rise = 0.12,     -- ... the rise of that pd above the lowest seen since it joined
  exit_pd = 0.85,       -- the pd at which it also leaves its deals with the hub
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
  local amount = math.min(P.amount_cap, P.amount_share * view.self.market_value)
  local terms = {to = view.hub, amount = amount, months = P.months, delay = P.delay,
                 gw = amount * P.gw_per_b,
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
  if me.joined or mem.invested then
    mem.low = math.min(mem.low or hub.pd, hub.pd)
  end
  local watching = me.joined or mem.invested
  local risky = watching and (hub.pd >= P.sell_pd or hub.pd >= mem.low + P.sell_rise)
  local grave = watching and hub.pd >= P.exit_pd

  -- Sell the stake while a round still buys it.
  if risky and view.sentiment > 0 and stake(view.hub) > 0 then
    out[#out + 1] = sell{actor = view.hub, fraction = 1,
                         reason = {en = "take the money while a round still buys",
                                   zh = "趁还有新一轮融资愿意接盘，先把钱拿回来"}}
  end
  -- Leave every deal with the hub it can pay to leave, once the risk is grave.
  if grave then
    mem.left = true
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
  -- ... or propose our own, and buy into the hub's rounds.
  if view.turn >= P.join_by and #view.my_offers == 0 then
    if not me.joined and not mem.joined and not mem.proposed then
      local o = offer_of(view, me.deal_kind)
      if o and check(o) then
        mem.proposed = true
        out[#out + 1] = o
      end
    end
    local amount = math.min(P.invest_cap, P.invest_share * me.market_value)
    if not mem.invested and amount > 0 then
      local o = invest{to = view.hub, amount = amount, months = P.invest_months, delay = 0,
                       reason = {en = "a stake in the hub's next rounds", zh = "参与枢纽企业接下来的几轮融资"}}
      if check(o) then
        mem.invested = true
        out[#out + 1] = o
      end
    end
  end
  return out
end

return S
