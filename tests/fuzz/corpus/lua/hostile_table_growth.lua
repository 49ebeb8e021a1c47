-- table growth, in decide
local S = {}
function S.decide(view)
  local t = {} for i = 1, 1e9 do t[i] = i end
end
return S
