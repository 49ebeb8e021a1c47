-- error without position, in decide
local S = {}
function S.decide(view)
  error('plain', 0)
end
return S
