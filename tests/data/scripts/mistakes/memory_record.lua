-- A view record stored in memory: the error names the line of the store.
local S = {}
function S.decide(view)
  view.memory.me = view.self
  return {}
end
return S
