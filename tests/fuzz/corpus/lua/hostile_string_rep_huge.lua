-- string.rep huge, in decide
local S = {}
function S.decide(view)
  return string.rep('x', 1e10)
end
return S
