-- table.move huge, in decide
local S = {}
function S.decide(view)
  return table.move({}, 1, 1e10, 2)
end
return S
