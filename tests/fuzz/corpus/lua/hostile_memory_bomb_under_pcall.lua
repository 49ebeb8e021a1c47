-- memory bomb under pcall, in decide
local S = {}
function S.decide(view)
  local keep = {} while true do pcall(function() keep[#keep + 1] = ('x'):rep(1e5) .. #keep end) end
end
return S
