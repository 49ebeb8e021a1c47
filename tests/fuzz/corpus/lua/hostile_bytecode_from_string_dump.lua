-- bytecode from string.dump, in decide
local S = {}
function S.decide(view)
  return string.dump(function() end)
end
return S
