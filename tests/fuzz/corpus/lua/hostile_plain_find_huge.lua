-- plain find huge, in decide
local S = {}
function S.decide(view)
  local s = ('a'):rep(1e6) return s:find(('a'):rep(5e5) .. 'b', 1, true)
end
return S
