-- Cookbook 1, a timed exit (Oracle): sell compute to the hub while the market reads it as safe,
-- follow each offer to its answer by its ref, and leave the hub's deals (paying the exit
-- penalty) once the hub's default probability passes a line, before a default strands them.
--   closedloop check scripts/cookbook/timed_exit.lua --role oracle
local P = {ask = 40, months = 36, delay = 6, gw_per_b = 1 / 35, offer_pd = 0.10, exit_pd = 0.5}

---@type Strategy
local S = {}

function S.decide(view)
  local mem, out = view.memory, {}
  local hub = view.actors[view.hub]
  -- The answer to our last offer, found by its ref (view.deal is nil until the turn made it).
  if mem.ref then
    local d = view.deal(mem.ref)
    if d and d.status ~= "proposed" then
      print(string.format("offer %s (deal %d): %s", mem.ref, d.id, d.status))
      mem.ref = nil
    end
  end
  -- Leave in time: every live deal with the hub, once its risk passes the line.
  if hub.pd >= P.exit_pd then
    for _, d in ipairs(view.deals) do
      local intent = exit(d.id, "the hub's risk is past our line")
      if (d.payer == view.hub or d.payee == view.hub) and exit_cost(d.id) and check(intent) then
        out[#out + 1] = intent
      end
    end
    return out
  end
  for _, o in ipairs(view.offers_to_me) do
    out[#out + 1] = reject(o.id, "we make our own offers")
  end
  if not mem.ref and hub.pd < P.offer_pd and #view.my_offers == 0 then
    local offer = cloud{to = view.hub, amount = P.ask, months = P.months, delay = P.delay,
                        gw = P.ask * P.gw_per_b, reason = "capacity while the hub is sound"}
    if check(offer) then
      mem.ref = offer.ref
      out[#out + 1] = offer
    end
  end
  return out
end

return S
