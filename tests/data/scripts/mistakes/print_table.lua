-- print of a table shows what is in it; dump(t) gives the text; a long output says where it was cut.
local S = {}
function S.decide(view)
  if view.turn == 0 then
    print({cash = 12.5, name = "x", list = {1, 2, {3}}})
    print(dump({b = 1, a = {c = {d = {e = true}}}}, 2))
    print(dump(view.self):match("^{\n  capex_budget = [0-9.]+,\n  cash = ") and "record ok" or "record bad")
  elseif view.turn == 1 then
    for k = 1, 40 do print(string.rep("y", 120)) end
  end
  return {}
end
return S
