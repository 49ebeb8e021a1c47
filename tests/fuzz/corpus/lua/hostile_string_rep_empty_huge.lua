-- string.rep empty huge, in decide
local S = {}
function S.decide(view)
  return #string.rep('', 1e10)
end
return S
