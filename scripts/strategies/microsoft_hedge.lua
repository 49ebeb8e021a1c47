-- Microsoft's hedge: keep the most valuable rights, shed the capital risk.
-- Satya Nadella's line: supply and demand must meet at some point; excitement on the supply side
-- alone can take you off track. Microsoft declines to fund the hub's build-out, lets rivals carry
-- that risk by giving up its exclusivity once someone else funds the hub, keeps its revenue share
-- and model access, holds its own budget, and answers a rival's surge with a build of its own.

local P = {
  max_funding = 0,        -- $B it will put into the hub's build-out (equity, loans, joint builds)
  max_exposure = 0.08,    -- largest exposure to the hub it accepts, as a share of its value
  surge = 0.2,            -- a rival's first-day jump that calls for an answer
  answer_build = 7.3,     -- $B of its own data-centre build it answers a surge with
  answer_gw = 0.3,        -- compute that build adds
  release = true,         -- gives up its exclusivity once a rival funds the hub
}

local FUNDING = {equity = true, loan = true, guarantee = true, joint_venture = true}

-- The companies as Chinese readers know them, for the Chinese half of a reason.
local NAMES_ZH = {openai = "OpenAI", nvidia = "英伟达", softbank = "软银", oracle = "甲骨文",
                  amd = "AMD", broadcom = "博通", tsmc = "台积电", google = "谷歌"}

local S = {}

-- A scenario may set any of P for this role (its actor's "playbook_params"): tune(view)
-- applies them at the first decide (scripts/lib/playbook.lua).
local tune = require("playbook").tuner(P)

-- Does a rival giant fund the hub already?
local function funded(view)
  for _, a in ipairs(view.actors) do
    if a.id ~= view.me and a.id ~= view.hub and a.joined and a.role == "giant" then return true end
  end
  return false
end

-- Where this turn's news starts: the news is oldest first, so it is at the end.
local function first_of_turn(news, turn)
  local k = #news + 1
  while k > 1 and news[k - 1].turn == turn do k = k - 1 end
  return k
end

function S.decide(view)
  tune(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    local i_pay = o.payer == view.me
    if i_pay and FUNDING[o.kind] and o.amount > P.max_funding then
      out[#out + 1] = reject(o.id, {en = "supply has to meet real customer demand at some point",
                                     zh = "供给迟早要对上真实的客户需求"})
    elseif (me.exposure + o.amount) / me.market_value > P.max_exposure then
      out[#out + 1] = reject(o.id, {en = "enough of our eggs are in that basket",
                                     zh = "那个篮子里我们的鸡蛋已经够多了"})
    else
      out[#out + 1] = accept(o.id, {en = "customer demand we can serve",
                                     zh = "这是我们接得住的客户需求"})
    end
  end
  -- Once a rival funds the hub, the exclusivity is a cost: let them carry the capital risk.
  -- (Whether a rival funds the hub is asked only while we hold an exclusivity.)
  for _, d in ipairs(view.deals) do
    if P.release and d.kind == "exclusivity" and d.payee == view.me and funded(view) then
      out[#out + 1] = release(d.id, {en = "others may carry the capital risk; we keep the " ..
                                          "training supply, 20% of revenue and the models",
                                     zh = "资本风险让别人去扛；训练算力、20%的收入和模型我们留着"})
    end
  end
  -- A rival's surge on the news calls for an answer of our own (once: the news is read only
  -- until then, and only this turn's).
  if not view.memory.answered then
    local news = view.news
    for k = first_of_turn(news, view.turn), #news do
      local n = news[k]
      if n.kind == "reaction" and n.actor ~= view.me and n.actor ~= view.hub
         and n.change > P.surge and not view.memory.answered then
        view.memory.answered = true
        local en = "answer " .. n.actor .. "'s surge with capacity of our own"
        local zh = "用自己的算力回应" .. (NAMES_ZH[n.actor] or n.actor) .. "的大涨"
        out[#out + 1] = build{amount = P.answer_build, months = 24, gw = P.answer_gw,
                              reason = {en = en, zh = zh}}
      end
    end
  end
  return out
end

return S
