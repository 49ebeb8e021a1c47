local S = {}
function S.decide(view)
  pcall(function() view.turn = 1 end)
  pcall(rawset, view, "x", 1)
  pcall(table.sort, view.actors)
  pcall(function() view.self.cash = 1e9 end)
  view.memory.deep = {}
  local t = view.memory.deep
  for i = 1, 40 do t.n = {} t = t.n end
  view.memory.cycle = view.memory
  view.memory.f = print
  return {}
end
return S
