-- metatable of a metatable, in decide
local S = {}
function S.decide(view)
  local mt = {} setmetatable({}, mt) setmetatable(mt, {__index = {}})
end
return S
