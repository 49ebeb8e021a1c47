-- table.insert __len appending, in decide
local S = {}
function S.decide(view)
  local t = setmetatable({}, {__len = function() return 1e10 end}) table.insert(t, 'x')
end
return S
