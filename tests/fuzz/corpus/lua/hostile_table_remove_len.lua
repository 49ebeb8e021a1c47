-- table.remove __len, in decide
local S = {}
function S.decide(view)
  local t = setmetatable({}, {__len = function() return 1e10 end}) table.remove(t, 1)
end
return S
