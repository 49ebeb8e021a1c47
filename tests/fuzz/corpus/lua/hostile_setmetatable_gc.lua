-- setmetatable __gc, in decide
local S = {}
function S.decide(view)
  setmetatable({}, {__gc = function() while true do end end})
end
return S
