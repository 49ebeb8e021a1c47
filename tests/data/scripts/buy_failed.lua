-- Buys the carrier once it has failed (tests/data/cascade.json): its estate's worth and $1B more,
-- paid to its creditors. Used by test_sim_rescue and test_cascade.sh.
local S = {}
function S.decide(view)
  local c = view.actors.carrier
  if c and c.defaulted and c.estate > 0 and view.self.cash > c.estate + 1 then
    return {rescue{actor = "carrier", amount = c.estate + 1, reason = "buy the failed carrier"}}
  end
  return {}
end
return S
