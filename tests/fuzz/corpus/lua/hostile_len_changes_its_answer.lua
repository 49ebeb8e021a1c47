-- __len changes its answer, in decide
local S = {}
function S.decide(view)
  local n = 0 local t = setmetatable({}, {__len = function() n = n + 1 return n == 1 and 1 or 1e10 end}) table.insert(t, 1, 'x') table.insert(t, 1, 'y')
end
return S
