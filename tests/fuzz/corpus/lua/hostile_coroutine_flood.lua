-- coroutine flood, in decide
local S = {}
function S.decide(view)
  return coroutine.create(function() end)
end
return S
