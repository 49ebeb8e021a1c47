-- gsub backtracking, in decide
local S = {}
function S.decide(view)
  return ('a'):rep(5000):gsub('(.-)(.-)(.-)b', '%1')
end
return S
