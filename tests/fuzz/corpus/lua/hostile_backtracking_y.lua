-- backtracking .-.-.-y, in decide
local S = {}
function S.decide(view)
  return string.find(('a'):rep(3000), '.-.-.-y')
end
return S
