-- Helpers shared by the playbooks (scripts/strategies, and the scenarios' own playbooks).
-- A vetted module of scripts/lib: a strategy loads it with require("playbook"); it runs in the
-- strategy's sandbox and budget, and what it returns is read-only.

local M = {}

-- tuner(P) gives a function tune(view) that, at its first call in this Lua state, copies the
-- scenario's "playbook_params" for the role (view.params.playbook) over the defaults in P; a
-- key that P does not hold with a value of the same type is an error at the line of the caller.
-- Call it at each decide, not in init: a loaded save runs the script afresh without init.
function M.tuner(P)
  local tuned = false
  return function(view)
    if tuned then return end
    tuned = true
    for k, v in pairs(view.params.playbook) do
      if type(P[k]) ~= type(v) then
        error(string.format("playbook_params.%s: not a %s parameter of this playbook", k, type(v)), 2)
      end
      P[k] = v
    end
  end
end

return M
