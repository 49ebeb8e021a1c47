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
}

local FUNDING = {equity = true, loan = true, guarantee = true, joint_venture = true}

local S = {}

function S.decide(view)
  local me, out = view.self, {}
  for _, o in ipairs(view.offers_to_me) do
    local i_pay = o.payer == view.me
    if i_pay and FUNDING[o.kind] and o.amount > P.max_funding then
      out[#out + 1] = reject(o.id, "supply has to meet real customer demand at some point")
    elseif (me.exposure + o.amount) / me.market_value > P.max_exposure then
      out[#out + 1] = reject(o.id, "enough of our eggs are in that basket")
    else
      out[#out + 1] = accept(o.id, "customer demand we can serve")
    end
  end
  -- Once a rival funds the hub, the exclusivity is a cost: let them carry the capital risk.
  local funded = false
  for _, a in ipairs(view.actors) do
    if a.id ~= view.me and a.id ~= view.hub and a.joined and a.role == "giant" then funded = true end
  end
  for _, d in ipairs(view.deals) do
    if d.kind == "exclusivity" and d.payee == view.me and funded then
      out[#out + 1] = release(d.id, "others may carry the capital risk; we keep the training " ..
                                    "supply, 20% of revenue and the models")
    end
  end
  -- A rival's surge on the news calls for an answer of our own.
  for _, n in ipairs(view.news) do
    if n.kind == "reaction" and n.turn == view.turn and n.actor ~= view.me and n.actor ~= view.hub
       and n.change > P.surge and not view.memory.answered then
      view.memory.answered = true
      out[#out + 1] = build{amount = P.answer_build, months = 24, gw = P.answer_gw,
                            reason = "answer " .. n.actor .. "'s surge with capacity of our own"}
    end
  end
  return out
end

return S
