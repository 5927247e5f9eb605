-- Stand-in for nvim-dap in the headless test: the tables the plugin fills in, and dap.run, which
-- records the configuration it was given (nvim-dap would start dalec-dap with it).
local M = { adapters = {}, configurations = {}, runs = {} }
function M.run(configuration) table.insert(M.runs, configuration) end
return M
