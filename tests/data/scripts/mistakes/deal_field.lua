-- A misspelt field of a deal record, and of the view itself.
local S = {}
function S.decide(view)
  for _, o in ipairs(view.offers_to_me) do
    if o.stauts == "proposed" then return reject(o.id) end
  end
  if view.turn == 2 then return view.sentimnet end
  return {}
end
return S
