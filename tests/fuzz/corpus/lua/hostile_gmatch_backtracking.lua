-- gmatch backtracking, in decide
local S = {}
function S.decide(view)
  for w in ('a'):rep(5000):gmatch('.-.-b') do end
end
return S
