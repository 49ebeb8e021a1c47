-- __gc added later by rawset, in decide
local S = {}
function S.decide(view)
  local mt = {} setmetatable({}, mt) rawset(mt, '__gc', print)
end
return S
