local S = {}
function S.decide(view)
  local t = nil
  return t.field   -- line 4: indexing nil
end
return S
