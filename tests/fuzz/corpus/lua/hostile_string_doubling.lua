-- string doubling, in decide
local S = {}
function S.decide(view)
  local s = 'x' while true do s = s .. s end
end
return S
