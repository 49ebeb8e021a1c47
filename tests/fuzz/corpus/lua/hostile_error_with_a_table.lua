-- error with a table, in decide
local S = {}
function S.decide(view)
  error({code = 1})
end
return S
