local S = {}
function S.decide(view)
  local out = {}
  out[#out + 1] = propose{to = view.hub, kind = "compute", amount = 0/0}
  out[#out + 1] = propose{to = view.hub, kind = "compute", amount = 1/0, months = 1.5}
  out[#out + 1] = propose{to = view.hub, kind = "loan", amount = 1e300, rate = -1}
  out[#out + 1] = propose{to = 7, kind = {}, amount = "x"}
  out[#out + 1] = counter(-1, {amount = math.mininteger})
  out[#out + 1] = accept(math.maxinteger)
  out[#out + 1] = {op = "accept", id = 2^63}
  out[#out + 1] = {op = "nope"}
  out[#out + 1] = 42
  out[#out + 1] = pass(("r"):rep(10000))
  for i = 1, 20 do out[#out + 1] = pass("x") end
  return out
end
return S
