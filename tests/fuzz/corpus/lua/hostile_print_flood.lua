-- print flood, in decide
local S = {}
function S.decide(view)
  while true do print(('x'):rep(1000)) end
end
return S
