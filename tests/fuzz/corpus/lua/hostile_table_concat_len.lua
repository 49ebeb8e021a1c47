-- table.concat __len, in decide
local S = {}
function S.decide(view)
  local t = setmetatable({}, {__len = function() return 1e10 end, __index = function() return '' end}) return table.concat(t)
end
return S
