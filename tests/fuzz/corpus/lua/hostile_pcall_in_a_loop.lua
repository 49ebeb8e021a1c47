-- pcall in a loop, in decide
local S = {}
function S.decide(view)
  while true do pcall(function() while true do end end) end
end
return S
