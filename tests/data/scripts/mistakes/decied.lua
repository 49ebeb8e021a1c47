-- decide misspelt: the script does not load.
local S = {}
function S.decied(view)
  return {}
end
return S
