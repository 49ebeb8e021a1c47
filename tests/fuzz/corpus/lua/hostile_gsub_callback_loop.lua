-- gsub callback loop, in decide
local S = {}
function S.decide(view)
  return ('abc'):gsub('.', function() while true do end end)
end
return S
