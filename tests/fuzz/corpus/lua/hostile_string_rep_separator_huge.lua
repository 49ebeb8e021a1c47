-- string.rep separator huge, in decide
local S = {}
function S.decide(view)
  return string.rep('', 1e10, 'ab')
end
return S
