-- xpcall handler loops, in decide
local S = {}
function S.decide(view)
  xpcall(function() error('x') end, function() while true do end end) while true do end
end
return S
