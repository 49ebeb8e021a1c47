-- OpenAI's orchestration: bind the giants to the hub, one ever larger deal at a time.
-- Sam Altman uses compute scarcity and each giant's fear of missing out on the others: ask the
-- old partner first, take every offer the market will fund, answer a supplier's terms with a
-- rival's, rent a rival chip when a supplier drags its feet, and push toward 250 GW by 2033.

local P = {
  min_coverage = 0.9,   -- take new bills while (revenue + funding room) covers this share of them
  first_asks = true,    -- open by asking Microsoft to fund a build and TSMC to build chip plants
  stargate = 100,       -- $B it first asks Microsoft to fund
  fab_plan = 7000,      -- $B of chip plants it first asks TSMC to build
  tpu_rental = 10,      -- $B of TPUs it rents when a rival chip can serve as leverage
  top_up = 150,         -- $B of compute it asks for when behind the path to its goal
  top_up_months = 60,
  gw_per_billion = 0.0286, -- about $35B a gigawatt
  stretch = 1.25,       -- how much longer a schedule it asks for when a bill is too heavy
  max_pd = 0.35,        -- takes no new compute bill once the market reads its default risk above this
}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

-- Yearly bills a deal adds for the hub.
local function yearly(o)
  if o.payer ~= "openai" and o.payer ~= nil and o.kind ~= "joint_venture" then return 0 end
  local share = o.kind == "joint_venture" and (o.payer == "openai" and o.rate or o.rate2) or 1
  return o.amount * share * 12 / math.max(o.months, 12)
end

-- Where this turn's news starts: the news is oldest first, so it is at the end.
local function first_of_turn(news, turn)
  local k = #news + 1
  while k > 1 and news[k - 1].turn == turn do k = k - 1 end
  return k
end

local function coverage(view, extra)
  local me = view.self
  local due = me.due_12m + extra
  if due <= 0 then return 99 end
  return (me.revenue + funding_room(view.me)) / due
end

function S.decide(view)
  tune(view)
  local me, mem, out = view.self, view.memory, {}
  if P.first_asks and not mem.asked then
    mem.asked = true
    out[#out + 1] = joint_venture{to = "microsoft", amount = P.stargate, months = 48, rate = 1,
                                  gw = 3, pay = false,
                                  reason = {en = "build us a $100B Stargate",
                                            zh = "为我们建一座1000亿美元的星际之门"}}
    -- The engine refuses what is larger than the whole company (docs/budget-rules.md): ask
    -- only what it would let through.
    local plan = sell{to = "tsmc", amount = P.fab_plan, months = 120, pay = true,
                      reason = {en = "chip plants around the world, $7 trillion of them",
                                zh = "在全世界建芯片工厂，总共7万亿美元"}}
    if check(plan) then out[#out + 1] = plan end
  end
  -- Offers: money first (it pays the bills), then compute while the market funds it.
  local taken = 0
  for _, o in ipairs(view.offers_to_me) do
    local bill = yearly(o)
    local cov = coverage(view, taken + bill)
    if bill == 0 then
      out[#out + 1] = accept(o.id, {en = "money and shares for the build-out",
                                     zh = "给扩建送来钱和股份"})
    elseif cov >= P.min_coverage and me.pd <= P.max_pd then
      taken = taken + bill
      local c = string.format("%.2f", cov)
      out[#out + 1] = accept(o.id, {en = "coverage " .. c .. ": the market will fund it",
                                     zh = "覆盖率" .. c .. "：市场会为它出钱"})
    elseif not mem["stretched" .. o.id] then
      -- Too heavy as offered: ask for the same over a longer schedule.
      mem["stretched" .. o.id] = true
      out[#out + 1] = counter(o.id, {kind = o.kind, amount = o.amount, gw = o.gw,
                                     months = math.floor(o.months * P.stretch + 0.5),
                                     delay = o.delay, pay = true},
                              {en = "spread it out: a rival offers easier terms",
                               zh = "把期限拉长：对手给的条件更宽松"})
    else
      local c = string.format("%.2f", cov)
      out[#out + 1] = reject(o.id, {en = "coverage " .. c .. ": too heavy for now",
                                     zh = "覆盖率" .. c .. "：眼下负担太重"})
    end
  end
  -- A rival chip is the best argument with a supplier that drags its feet (read in this turn's
  -- news, until we have rented).
  if not mem.rented then
    local news = view.news
    for k = first_of_turn(news, view.turn), #news do
      local n = news[k]
      if n.kind == "news" and n.actor == "google" and not mem.rented then
        mem.rented = true
        out[#out + 1] = cloud{to = "google", amount = P.tpu_rental, months = 24, pay = true,
                              gw = P.tpu_rental * P.gw_per_billion,
                              reason = {en = "rent TPUs for ChatGPT", zh = "为ChatGPT租用TPU"}}
      end
    end
  end
  -- Behind the straight path to the goal: ask the least exposed supplier for more (the compute
  -- coming is counted only when no offer of ours is open, after the first year).
  if view.turn < 12 or #view.my_offers > 0 then return out end
  local have = me.compute_owned + me.compute_contracted
  for _, d in ipairs(view.deals) do
    if d.payer == view.me then have = have + d.gw - d.gw_done end
  end
  local path = view.target_gw * (view.turn + 1) / view.turns
  if have < path then
    local best, best_ex
    for _, a in ipairs(view.actors) do
      if a.id ~= view.me and a.role == "giant" and not a.defaulted and a.id ~= "softbank" then
        local ex = a.exposure / a.market_value
        if best == nil or ex < best_ex then best, best_ex = a.id, ex end
      end
    end
    local bill = P.top_up * 12 / P.top_up_months
    if best and coverage(view, taken + bill) >= P.min_coverage and me.pd <= P.max_pd then
      local h, on = string.format("%.0f", have), string.format("%.0f", path)
      local more = cloud{to = best, amount = P.top_up, months = P.top_up_months, pay = true,
                         gw = P.top_up * P.gw_per_billion,
                         reason = {en = h .. " GW in hand or coming, " .. on .. " on the path",
                                   zh = "已有和在途" .. h .. " GW，按路线应有" .. on .. " GW"}}
      if check(more) then out[#out + 1] = more end
    end
  end
  return out
end

return S
