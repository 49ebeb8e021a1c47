-- Fails now and then: an error in every seventh month, otherwise it plays passive. Never three
-- failures in a row, so the engine never retires it; each failure costs it that turn.
local S = {}
function S.decide(view)
  if view.turn % 7 == 3 then
    error("a bad month")
  end
  return {}
end
return S
