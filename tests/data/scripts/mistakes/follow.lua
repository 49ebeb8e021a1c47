-- Follows its offer from the constructor's ref to the answer, through view.deal.
local S = {}
function S.decide(view)
  local mem = view.memory
  if mem.ref == nil and view.turn >= 3 then
    local offer = cloud{to = view.hub, amount = 20, months = 36, gw = 0.5, reason = "a test offer"}
    mem.ref = offer.ref
    mem.made = view.turn
    print("made " .. offer.ref .. " now: " .. tostring(view.deal(offer)))
    return offer
  end
  if mem.ref and not mem.done then
    local d = view.deal(mem.ref)
    print(string.format("ref %s is deal %d: %s", mem.ref, d.id, d.status))
    assert(d.from == view.me and d.proposed == mem.made)
    assert(view.deal(d.id) == d)
    if d.status ~= "proposed" then
      mem.done = true
      print(string.format("answered %s in turn %d: %s", d.status, d.decided, d.answer or "no reason"))
    end
  end
  return {}
end
return S
