-- Fills view.memory with every kind of value a save must keep exactly, and draws from
-- math.random each turn, so that a resumed game diverges if either is not restored.
local S = {}
function S.decide(view)
  local m = view.memory
  if not m.kinds then
    m.kinds = {
      int = 7, big = 4611686018427387904, neg = -9007199254740993,
      float = 0.1, third = 1 / 3, whole = 3.0, negzero = -0.0, huge = 1e300, tiny = 5e-324,
      bytes = "a\0b\255\254", utf8 = "Ñvidia ✓", empty = "",
      [1] = "one", [2] = "two", [3.5] = "three and a half", [-4] = "minus four",
      [true] = "yes", [false] = { nested = { deeper = { 1, 2, 3 } } },
    }
    m.draws = {}
  end
  m.turns = (m.turns or 0) + 1
  m.draws[#m.draws + 1] = math.random(1000000)
  m.last = math.random()
  if m.turns % 3 == 0 and #view.offers_to_me > 0 then
    return { accept(view.offers_to_me[1].id, "every third turn, draw " .. m.draws[#m.draws]) }
  end
  return {}
end
return S
