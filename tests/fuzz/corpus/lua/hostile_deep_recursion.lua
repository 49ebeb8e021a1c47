-- deep recursion, in decide
local S = {}
function S.decide(view)
  local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(1e7)
end
return S
