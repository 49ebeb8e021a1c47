-- fuzz_lua finding (2026-11-28, a timeout): big strings made under pcall spent the budget by
-- allocating, but the call went on until the next run of the count hook, up to 1000 instructions
-- later: over 5 times the budget, about a second a call under ASan.
local S = {}
function S.decide(view)
  local keep = {} while true do pcall(function() keep[#keep + 2] = ('x'):rep(2e5) .. #keep end) end
end
return S
