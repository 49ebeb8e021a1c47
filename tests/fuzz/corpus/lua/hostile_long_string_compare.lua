-- long string compare, in decide
local S = {}
function S.decide(view)
  local a, b = ('x'):rep(1e6), ('x'):rep(1e6) local n = 0 while a == b do n = n + 1 end
end
return S
