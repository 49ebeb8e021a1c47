-- __mode added later, in decide
local S = {}
function S.decide(view)
  local mt = {} setmetatable({}, mt) mt.__mode = 'k'
end
return S
