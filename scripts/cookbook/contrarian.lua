-- Cookbook 5, a contrarian (AMD): sell to the hub when the market is gloomy (low sentiment, low
-- prices ask less of a deal) and turn offers down when it is euphoric, reading the hub's value
-- over the last turns from view.prices.
--   closedloop check scripts/cookbook/contrarian.lua --role amd
local P = {gloom = 0.0, euphoria = 0.4, ask = 30, months = 48, delay = 6, gw_per_b = 1 / 35}

---@type Strategy
local S = {}

-- The hub's value now against its average over the turns the view keeps.
local function hub_trend(view)
  local series, sum = view.prices[view.hub], 0
  for _, v in ipairs(series) do sum = sum + v end
  return series[#series] / (sum / #series)
end

function S.decide(view)
  local out, mem = {}, view.memory
  local euphoric = view.sentiment > P.euphoria
  for _, o in ipairs(view.offers_to_me) do
    local yes = accept(o.id, "we buy when others fear")
    if not euphoric and check(yes) then
      out[#out + 1] = yes
    else
      out[#out + 1] = reject(o.id, "the market is too hot for us")
    end
  end
  if mem.ref then -- the last offer, followed to its answer
    local d = view.deal(mem.ref)
    if d and d.status ~= "proposed" then mem.ref = nil end
  end
  if not mem.ref and (view.sentiment < P.gloom or hub_trend(view) < 0.9) then
    local offer = lease{to = view.hub, amount = P.ask, months = P.months, delay = P.delay,
                        gw = P.ask * P.gw_per_b, reason = "capacity at a gloomy price"}
    if check(offer) then
      mem.ref = offer.ref
      out[#out + 1] = offer
    end
  end
  return out
end

return S
