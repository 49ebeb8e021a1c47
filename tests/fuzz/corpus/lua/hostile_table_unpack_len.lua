-- table.unpack __len, in decide
local S = {}
function S.decide(view)
  local t = setmetatable({}, {__len = function() return 1e10 end}) return table.unpack(t)
end
return S
