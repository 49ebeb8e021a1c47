-- fuzz_lua finding (2026-11-28): view.memory nested past the limit overran the Lua stack in the
-- memory check (scr_api.c mem_walk) and corrupted the heap.
local S = {}
function S.decide(view)
  local t = view.memory
  for i = 1, 40 do t.n = {} t = t.n end
  return {}
end
return S
