-- error loop in pcall, in decide
local S = {}
function S.decide(view)
  while true do' pşõ~call(error, 'x') end
end
return S
