-- Reasons in two languages, good and bad: tables, cuts, separators, keys that are no language.
local S = {}
function S.decide(view)
  local out = {}
  local long = ("长"):rep(200)
  out[#out + 1] = build{amount = 1, months = 2, reason = {en = "ours", zh = "自建"}}
  out[#out + 1] = build{amount = 1, months = 2, reason = {en = ("e"):rep(400), zh = long}}
  out[#out + 1] = build{amount = 1, months = 2, reason = {en = "a\31b\0c", zh = "\31\31"}}
  out[#out + 1] = build{amount = 1, months = 2, reason = "en\31中文\31more"}
  out[#out + 1] = build{amount = 1, months = 2, reason = {zh = long:sub(1, 100)}}
  out[#out + 1] = build{amount = 1, months = 2, reason = {}}
  out[#out + 1] = pass({en = 1})
  out[#out + 1] = pass({fr = "non", de = "nein"})
  out[#out + 1] = pass({"yes", "是"})
  out[#out + 1] = pass(setmetatable({}, {__index = function() return "x" end}))
  for _, d in ipairs(view.deals) do
    out[#out + 1] = release(d.id, d.reason .. (d.answer or ""))
  end
  return out
end
return S
