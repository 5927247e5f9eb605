-- Dalec specs in Neovim: filetype detection, the dalec-lsp client and, with nvim-dap, the dalec
-- debugger (dalec-dap). Works on Neovim 0.7 (Debian 12) and later; no plugin manager needed. On
-- 0.11 and later the client is Neovim's own vim.lsp.config/vim.lsp.enable; before, vim.lsp.start
-- (0.8-0.10) or one shared vim.lsp.start_client (0.7).
local M = {}

local defaults = {
  cmd = { 'dalec-lsp', 'serve' },       -- the language server
  dap_cmd = 'dalec-dap',                -- the debug adapter
  filetype = 'yaml.dalec',              -- keeps YAML syntax; use 'dalec' for a filetype of its own
  patterns = {},                        -- extra globs of YAML files that are specs, e.g. 'packaging/*.yml'
  settings = {},                        -- dalec-lsp options: diagnosticsDelayMs, severity, extraBuiltinArgs,
                                        -- buildkit = { address, builder, tls = { ca, cert, key, serverName } },
                                        -- test = { target, frontendImage, buildArgs }
  default_target = '',                  -- e.g. 'azlinux3/container' for the debug configurations
}

local config = vim.deepcopy(defaults)
local client_id = nil  -- Neovim 0.7: one client shared by every spec buffer
local has_lsp_config = vim.fn.has('nvim-0.11') == 1 and vim.lsp.config ~= nil and vim.lsp.enable ~= nil

local function notify(message, level)
  vim.notify('dalec: ' .. message, level or vim.log.levels.INFO)
end

-- A spec: *.dalec.yml/yaml, a first line `# syntax=` naming Dalec's frontend, or a user glob.
function M.is_spec(bufnr, name)
  if name:match('%.dalec%.ya?ml$') then
    return true
  end
  local first = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1] or ''
  if first:match('^#%s*syntax%s*=%s*%S*dalec/frontend') then
    return true
  end
  for _, glob in ipairs(config.patterns) do
    local pattern = glob:find('/') and ('**/' .. glob) or glob
    if vim.fn.match(glob:find('/') and name or vim.fn.fnamemodify(name, ':t'), vim.fn.glob2regpat(pattern)) >= 0 then
      return true
    end
  end
  return false
end

local function root_dir(name)
  return vim.fn.fnamemodify(name, ':p:h')
end

local function lsp_config(bufnr)
  return {
    name = 'dalec-lsp',
    cmd = config.cmd,
    root_dir = root_dir(vim.api.nvim_buf_get_name(bufnr)),
    init_options = config.settings,
    settings = { dalec = config.settings },
  }
end

-- The dalec-lsp clients of a buffer (every buffer when bufnr is nil), on any Neovim.
local function clients_of(bufnr)
  local found = {}
  local all = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr })
    or (bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients())
  for _, client in pairs(all) do
    if client.name == 'dalec-lsp' then table.insert(found, client) end
  end
  return found
end

-- A request on a client: a method call since 0.11 (the field call is deprecated there).
local function request(client, method, params, handler, bufnr)
  if has_lsp_config then return client:request(method, params, handler, bufnr) end
  return client.request(method, params, handler, bufnr)
end

local function server_missing()
  if vim.fn.executable(config.cmd[1]) == 1 then return false end
  notify('cannot find the language server "' .. config.cmd[1] .. '"; set cmd in require("dalec").setup{}', vim.log.levels.ERROR)
  return true
end

-- What Neovim 0.7 does not set up by itself: LSP omni-completion, and K for hover unless mapped.
local function buffer_defaults(bufnr)
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  if vim.fn.maparg('K', 'n') == '' then
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = bufnr, desc = 'dalec: hover' })
  end
end

function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if has_lsp_config then  -- vim.lsp.enable attaches by filetype; only the missing binary is ours to say
    server_missing()
    return
  end
  buffer_defaults(bufnr)
  if server_missing() then return end
  if vim.lsp.start then  -- Neovim 0.8+
    vim.lsp.start(lsp_config(bufnr), { bufnr = bufnr })
    return
  end
  if not client_id or vim.lsp.client_is_stopped(client_id) then
    client_id = vim.lsp.start_client(lsp_config(bufnr))
    if not client_id then
      notify('the language server did not start', vim.log.levels.ERROR)
      return
    end
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
end

function M.restart()
  for _, client in ipairs(clients_of(nil)) do
    if has_lsp_config then client:stop() else client.stop() end
  end
  client_id = nil
  vim.defer_fn(function()
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == config.filetype then
        if has_lsp_config then
          vim.lsp.start(vim.tbl_extend('force', vim.lsp.config['dalec-lsp'], { root_dir = root_dir(vim.api.nvim_buf_get_name(buf)) }), { bufnr = buf })
        else
          M.attach(buf)
        end
      end
    end
  end, 200)
end

-- The dalec-lsp client attached to the buffer, or nil (said to the user).
local function dalec_client(bufnr)
  local client = clients_of(bufnr)[1]
  if client then return client end
  notify('dalec-lsp is not attached to this buffer', vim.log.levels.ERROR)
  return nil
end

-- Runs the spec's tests on BuildKit through dalec-lsp (dalec.runTests): failures appear as
-- diagnostics on the failing checks, and the outcome as a message. Code lenses ("Run test") go
-- the same way through Neovim's own lens support.
function M.run_tests(target, on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local args = { uri = vim.uri_from_bufnr(bufnr) }
  if target and target ~= '' then args.target = target end
  local client = dalec_client(bufnr)
  if not client then return false end
  notify('running the tests of ' .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t') .. ' on BuildKit')
  request(client, 'workspace/executeCommand', { command = 'dalec.runTests', arguments = { args } }, function(err, result)
    if err then
      notify(err.message, vim.log.levels.ERROR)
    elseif result.outcome == 'passed' then
      notify('tests passed (' .. result.target .. ')')
    else
      notify(#result.failures .. ' check(s) failed (' .. result.target .. '); see the diagnostics', vim.log.levels.WARN)
    end
    if on_done then on_done(err, result) end
  end, bufnr)
  return true
end

-- Opens the spec as a target sees it (dalec/resolvedSpec: args substituted, the target's keys
-- merged as Dalec merges them) in a read-only scratch buffer beside the spec. Each line of it knows
-- the spec's line it came from: <CR> there jumps back to that line.
function M.show_resolved(target, on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local params = { uri = vim.uri_from_bufnr(bufnr) }
  if target and target ~= '' then params.target = target end
  local client = dalec_client(bufnr)
  if not client then return false end
  request(client, 'dalec/resolvedSpec', params, function(err, result)
    if err then
      notify(err.message, vim.log.levels.ERROR)
    else
      local spec_win = vim.api.nvim_get_current_win()
      local lines = vim.split(result.text, '\n', { plain = true })
      if lines[#lines] == '' then table.remove(lines) end
      vim.cmd('vsplit')
      local view = vim.api.nvim_create_buf(false, true)
      vim.api.nvim_win_set_buf(0, view)
      vim.api.nvim_buf_set_lines(view, 0, -1, false, lines)
      vim.bo[view].filetype = 'yaml'
      vim.bo[view].modifiable = false
      vim.bo[view].bufhidden = 'wipe'
      pcall(vim.api.nvim_buf_set_name, view, 'dalec-resolved://' .. (result.target ~= '' and result.target or 'spec'))
      vim.keymap.set('n', '<CR>', function()
        local line = result.sourceLines[vim.api.nvim_win_get_cursor(0)[1]]
        if line and line >= 0 and vim.api.nvim_win_is_valid(spec_win) then
          vim.api.nvim_set_current_win(spec_win)
          vim.api.nvim_win_set_cursor(spec_win, { line + 1, 0 })
        end
      end, { buffer = view, desc = "Go to the spec's line this came from" })
    end
    if on_done then on_done(err, result) end
  end, bufnr)
  return true
end

-- The name of the test whose `- name:` is the nearest above the cursor.
function M.test_under_cursor()
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local lines = vim.api.nvim_buf_get_lines(0, 0, row, false)
  for i = #lines, 1, -1 do
    local name = lines[i]:match('^%s*%-%s+name:%s*(.-)%s*$')
    if name then
      return (name:gsub('^["\'](.*)["\']$', '%1'))
    end
  end
  return nil
end

-- The lenses' debug commands are the editor's (dalec-lsp runs only dalec.runTests): with nvim-dap
-- they start a session as the configurations below do, without it they say what is missing.
local function launch_from_lens(command)
  local args = command.arguments and command.arguments[1] or {}
  local ok, dap = pcall(require, 'dap')
  if not ok then
    notify('debugging needs nvim-dap (https://github.com/mfussenegger/nvim-dap)', vim.log.levels.ERROR)
    return
  end
  local target = args.target or (config.default_target ~= '' and config.default_target or nil)
  local launch = { type = 'dalec', request = 'launch', name = 'Dalec', spec = vim.uri_to_fname(args.uri), target = target }
  if command.command == 'dalec.debugTest' then
    launch.name, launch.test = 'Dalec: debug test ' .. args.test, args.test
  elseif command.command == 'dalec.buildTarget' then
    launch.name, launch.noDebug = 'Dalec: build ' .. (target or 'the default target'), true
  else
    launch.name = 'Dalec: debug ' .. (target or 'the default target')
  end
  dap.run(launch)
end

local function setup_lens_commands()
  for _, name in ipairs({ 'dalec.debugTest', 'dalec.debugTarget', 'dalec.buildTarget' }) do
    vim.lsp.commands[name] = launch_from_lens
  end
end

local function setup_dap()
  local ok, dap = pcall(require, 'dap')
  if not ok then
    return
  end
  dap.adapters.dalec = { type = 'executable', command = config.dap_cmd, args = { '--stdio' } }
  local target = config.default_target ~= '' and config.default_target or nil
  dap.configurations[config.filetype] = {
    { type = 'dalec', request = 'launch', name = 'Dalec: debug this spec', spec = '${file}', target = target },
    {
      type = 'dalec', request = 'launch', name = 'Dalec: debug the test under the cursor', spec = '${file}', target = target,
      test = function() return M.test_under_cursor() end,
    },
  }
end

function M.setup(opts)
  config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup('dalec', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = { '*.yml', '*.yaml' },
    callback = function(args)
      if M.is_spec(args.buf, vim.api.nvim_buf_get_name(args.buf)) then
        vim.bo[args.buf].filetype = config.filetype
      end
    end,
  })
  if has_lsp_config then
    vim.lsp.config('dalec-lsp', {
      cmd = config.cmd,
      filetypes = { config.filetype },
      root_dir = function(bufnr, on_dir) on_dir(root_dir(vim.api.nvim_buf_get_name(bufnr))) end,
      init_options = config.settings,
      settings = { dalec = config.settings },
    })
    vim.lsp.enable('dalec-lsp')
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetype,
    callback = function(args) M.attach(args.buf) end,
  })
  vim.api.nvim_create_user_command('DalecRestart', M.restart, { desc = 'Restart dalec-lsp' })
  vim.api.nvim_create_user_command('DalecRunTests', function(command) M.run_tests(command.args) end,
    { nargs = '?', desc = "Run the spec's tests on BuildKit [target]" })
  vim.api.nvim_create_user_command('DalecResolved', function(command) M.show_resolved(command.args) end,
    { nargs = '?', desc = 'Show the spec as a target sees it [target]' })
  setup_lens_commands()
  setup_dap()
end

return M
