-- table.insert __len, in decide
local S = {}
function S.decide(view)
  local t = setmetatable({}, {__len = function() return 1e10 end}) table.insert(t, 1, 'x')
end
return S
