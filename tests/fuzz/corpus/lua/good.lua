-- A small, well-behaved strategy: accept what it is offered while its exposure stays small.
local S = {}
function S.decide(view)
  local out = {}
  for _, o in ipairs(view.offers_to_me) do
    if (view.self.exposure + o.amount) / view.self.market_value < 0.1 then
      out[#out + 1] = accept(o.id, "small enough")
    else
      out[#out + 1] = reject(o.id, "too big for us")
    end
  end
  return out
end
return S
