-- A misspelt field of a view record: an error naming it and the nearest field.
local S = {}
function S.decide(view)
  if view.self.cahs > 10 then return {} end
  return {}
end
return S
