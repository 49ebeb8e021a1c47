local S = {}
function S.decide(view)
  local m = view.memory
  m.count = (m.count or 0) + 1
  m[1], m[2.5], m[true] = "a", -0.0, {x = {y = {z = 1}}}
  m.big = ("z"):rep(4096)
  return nil
end
return S
