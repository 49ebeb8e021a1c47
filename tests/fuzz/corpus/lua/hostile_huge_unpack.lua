-- huge unpack, in decide
local S = {}
function S.decide(view)
  local t = {} for i = 1, 2e5 do t[i] = i end local function f(...) local n = 0 for i = 1, 1e9 do n = n + select('#', ...) end end f(table.unpack(t))
end
return S
