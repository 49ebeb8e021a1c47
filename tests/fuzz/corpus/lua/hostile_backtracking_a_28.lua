-- backtracking a?^28, in decide
local S = {}
function S.decide(view)
  return string.find(('a'):rep(28), ('a?'):rep(28) .. ('a'):rep(28))
end
return S
