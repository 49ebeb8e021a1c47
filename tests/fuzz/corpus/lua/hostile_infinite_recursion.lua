-- infinite recursion, in decide
local S = {}
function S.decide(view)
  local function f() return 1 + f() end return f()
end
return S
