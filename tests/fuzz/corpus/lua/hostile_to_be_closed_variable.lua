-- to-be-closed variable, in decide
local S = {}
function S.decide(view)
  local mt = {} local o = setmetatable({}, mt) do local x <close> = o end
end
return S
