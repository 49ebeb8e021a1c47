local S = {}
function S.decide(view)
  return {accept(1, "missing paren"}
end
return S
