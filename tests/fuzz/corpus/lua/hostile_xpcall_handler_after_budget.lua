-- xpcall handler after budget, in decide
local S = {}
function S.decide(view)
  xpcall(function() while true do end end, function(e) return e end) return 1
end
return S
