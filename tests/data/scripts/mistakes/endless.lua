-- An endless loop: the budget is said plainly.
local S = {}
function S.decide(view)
  local n = 0
  while true do n = n + 1 end
end
return S
