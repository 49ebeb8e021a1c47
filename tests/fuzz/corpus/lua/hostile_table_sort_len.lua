-- table.sort __len, in decide
local S = {}
function S.decide(view)
  local t = setmetatable({}, {__len = function() return 1e9 end}) table.sort(t)
end
return S
