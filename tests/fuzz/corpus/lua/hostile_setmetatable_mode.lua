-- setmetatable __mode, in decide
local S = {}
function S.decide(view)
  setmetatable({}, {__mode = 'k'})
end
return S
