local S = {}
function S.init(view) view.memory.n = 0 end
function S.decide(view)
  local out, other = {}, view.me == view.hub and view.actors[2].id or view.hub
  view.memory.n = view.memory.n + 1
  for _, o in ipairs(view.offers_to_me) do
    if o.id % 3 == 0 then out[#out + 1] = accept(o.id, "yes")
    elseif o.id % 3 == 1 then out[#out + 1] = reject(o.id, "no")
    else out[#out + 1] = counter(o.id, {amount = o.amount / 2, months = 24}, "half") end
  end
  out[#out + 1] = cloud{to = other, amount = 40, months = 36, gw = 1}
  out[#out + 1] = invest{to = other, amount = 5, months = 3}
  out[#out + 1] = lend{to = other, amount = 3, months = 6, rate = 0.1}
  out[#out + 1] = guarantee{to = other, amount = 2}
  out[#out + 1] = warrants{to = other, shares = 0.1, months = 12}
  out[#out + 1] = joint_venture{to = other, amount = 50, rate = 0.4, rate2 = 0.3}
  out[#out + 1] = build{amount = 10, gw = 1}
  out[#out + 1] = propose{to = other, kind = "exclusivity", months = 12}
  out[#out + 1] = propose{to = other, kind = "revenue_share", rate = 0.2, months = 12}
  out[#out + 1] = lease{to = other, amount = 7, delay = 2, upfront = 0.5}
  out[#out + 1] = sell{to = other, amount = 9, pay = true}
  out[#out + 1] = codevelop{to = other, amount = 4}
  for _, d in ipairs(view.deals) do
    if d.kind == "exclusivity" then out[#out + 1] = release(d.id, "free") end
  end
  for _, i in ipairs(out) do check(i) deal_size(i) end
  return out
end
function S.on_event(view, ev) view.memory.last = ev.kind end
return S
