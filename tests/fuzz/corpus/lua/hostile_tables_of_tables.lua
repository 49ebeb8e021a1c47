-- tables of tables, in decide
local S = {}
function S.decide(view)
  local t = {} while true do t = {t, t, {}} end
end
return S
