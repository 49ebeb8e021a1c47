-- Offers to an actor that does not exist, with a negative amount: both dropped, the turn goes on.
local S = {}
function S.decide(view)
  return {
    propose{to = "nvdia", kind = "compute", amount = 10, months = 12},
    cloud{to = view.hub, amount = -5, months = 12},
    pass("nothing else"),
  }
end
return S
