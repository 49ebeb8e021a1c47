local S = {}
function S.decide(view)
  while true do end
end
return S
