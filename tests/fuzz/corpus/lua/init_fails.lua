return {init = function() error("no") end, decide = function() return {} end}
